"""Masking of petitioners' personal data in lists (王**, 139****5678, 110101********1234)."""

from __future__ import annotations


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) > 4:
        return "*" * (len(phone) - 4) + phone[-4:]
    return "*" * len(phone)


def mask_id_number(number: str) -> str:
    number = (number or "").strip()
    if len(number) >= 15:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    return "*" * len(number)


def petitioner(petition, reveal: bool) -> dict:
    """The petitioner's details for a list row: in full for the petition section, masked otherwise."""
    if reveal:
        return {"name": petition.petitioner_name, "phone": petition.petitioner_phone,
                "id_number": petition.petitioner_id_number}
    return {"name": mask_name(petition.petitioner_name), "phone": mask_phone(petition.petitioner_phone),
            "id_number": mask_id_number(petition.petitioner_id_number)}
