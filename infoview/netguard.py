"""Tell a visitor on this machine from one reached over the network."""

from __future__ import annotations

import ipaddress


def is_remote_address(ip: object) -> bool:
    """True for an IP address that is not this machine's loopback.

    Streamlit reports no address (None) for a browser on localhost; anything that is not a
    string (as in Streamlit's test harness) is treated as local.
    """
    if not isinstance(ip, str) or not ip.strip():
        return False
    try:
        address = ipaddress.ip_address(ip.strip().split("%")[0])
    except ValueError:
        return True
    mapped = getattr(address, "ipv4_mapped", None)
    return not (address.is_loopback or (mapped is not None and mapped.is_loopback))
