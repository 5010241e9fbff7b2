"""Masking a reporter's identity for those who see a report but not who made it. No Flask."""


def name(value: str) -> str:
    """张三丰 -> 张**: the family name only."""
    return value[:1] + "*" * max(len(value) - 1, 1) if value else ""


def phone(value: str) -> str:
    """13812345678 -> 138****5678; a short number keeps only its last two digits."""
    if not value:
        return ""
    if len(value) >= 11:
        return value[:3] + "****" + value[-4:]
    return "*" * max(len(value) - 2, 2) + value[-2:]


def id_number(value: str) -> str:
    """An ID number keeps its first and last character: 1***************X."""
    if not value:
        return ""
    return value[:1] + "*" * max(len(value) - 2, 1) + value[-1:]


def address(value: str) -> str:
    """The first three characters (the township, often) and stars."""
    return value[:3] + "****" if value else ""


# Case field -> how it is masked. Every field that identifies the reporter is here.
IDENTITY = {
    "person_name": name,
    "person_phone": phone,
    "person_id_number": id_number,
    "person_address": address,
    "postcode": lambda v: "*" * len(v),
    "identity_document": lambda v: "*" * len(v),
    "representatives": lambda v: "***" if v else "",
}
CONTACT = ("person_phone", "person_address", "postcode")


def masked(values: dict) -> dict:
    """``values`` (a case's sealed fields) with every identifying field masked."""
    return {k: (IDENTITY[k](v or "") if k in IDENTITY else v) for k, v in values.items()}
