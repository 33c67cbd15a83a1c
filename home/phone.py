"""Phone numbers in links: one way to write a tel: URL."""


def tel_href(phone):
    """'02 31 22 33 44' -> 'tel:0231223344': digits and a leading +, nothing else."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""
