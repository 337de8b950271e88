import pytest

from infoview.netguard import is_remote_address


@pytest.mark.parametrize(
    ("ip", "remote"),
    [
        (None, False),
        ("", False),
        ("127.0.0.1", False),
        ("127.8.9.1", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("192.168.1.20", True),
        ("203.0.113.7", True),
        ("2001:db8::1", True),
        ("fe80::1%eth0", True),
        ("not-an-ip", True),
        (object(), False),
    ],
)
def test_is_remote_address(ip, remote):
    assert is_remote_address(ip) is remote
