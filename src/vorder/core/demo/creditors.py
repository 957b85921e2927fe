"""The three demo creditors (the story the demo tells) and how their portfolios look.

- **Bakkerij De Korenschoof** (Zwolle): a bakery delivering bread and pastry to
  restaurants, hotels and care homes (mostly B2B, weekly invoices, 9 % VAT), plus cakes for
  consumers.
- **Installatietechniek Van Dam** (Utrecht): a one-man installer (ZZP), mostly consumers
  (boilers, repairs, 21 % VAT), some businesses; his btw-id is the post-2020 sole-trader kind.
- **Woonstichting Maasoever** (Rotterdam): a housing corporation; monthly rent (VAT-exempt)
  due on the first of the month, and the occasional repair invoice.

All their identifiers are visibly fictitious (KvK 000001xx, test btw numbers) but pass
the real checks (IBAN, KvK, btw).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from vorder.core.intake import SupplierParty
from vorder.core.parties import Address


class PaymentBehaviour(StrEnum):
    """How a demo debtor pays: drives the simulation of payments, disputes and defaults."""

    ON_TIME = "on_time"
    LATE = "late"
    PARTIAL = "partial"
    DISPUTING = "disputing"
    NEVER_PAYING = "never_paying"


Weights = tuple[tuple[PaymentBehaviour, float], ...]


@dataclass(frozen=True, slots=True)
class DemoCreditor:
    key: str
    supplier: SupplierParty
    iban: str
    tenant_code: int  # first digits of every betalingskenmerk of this creditor
    invoice_prefix: str
    towns: tuple[tuple[str, float], ...]  # town name, weight
    business_share: float
    vat_rate: Decimal
    # log-normal invoice amounts incl. VAT: median and sigma, clipped to [low, high]
    consumer_amount: tuple[float, float, float, float]
    business_amount: tuple[float, float, float, float]
    consumer_terms: tuple[int, ...]  # payment terms in days (drawn uniformly)
    business_terms: tuple[int, ...]
    consumer_invoices: tuple[int, int]  # invoices per debtor, inclusive range
    business_invoices: tuple[int, int]
    consumer_behaviour: Weights
    business_behaviour: Weights
    descriptions: tuple[str, ...]
    monthly_rent: bool = False


def _weights(
    on_time: float, late: float, partial: float, disputing: float, never: float
) -> Weights:
    return (
        (PaymentBehaviour.ON_TIME, on_time),
        (PaymentBehaviour.LATE, late),
        (PaymentBehaviour.PARTIAL, partial),
        (PaymentBehaviour.DISPUTING, disputing),
        (PaymentBehaviour.NEVER_PAYING, never),
    )


BAKERY = DemoCreditor(
    key="bakery",
    supplier=SupplierParty(
        name="Bakkerij De Korenschoof",
        registration_name="Bakkerij De Korenschoof V.O.F.",
        kvk_number="00000101",
        vat_number="NL000099998B57",  # the Belastingdienst's published test number
        address=Address("Korenmarkt", "5", None, "8011 NB", "Zwolle", "NL"),
        email="administratie@korenschoof.example",
        phone="+31381234567",
    ),
    iban="NL44RABO0123456789",
    tenant_code=101,
    invoice_prefix="KS",
    towns=(
        ("Zwolle", 5),
        ("Kampen", 2),
        ("Deventer", 2),
        ("Apeldoorn", 1.5),
        ("Meppel", 1),
        ("Hardenberg", 0.5),
        ("Assen", 0.5),
    ),
    business_share=0.8,
    vat_rate=Decimal("0.09"),
    consumer_amount=(45, 0.6, 8.5, 450),
    business_amount=(180, 0.8, 25, 2500),
    consumer_terms=(8, 14),
    business_terms=(14, 14, 30),
    consumer_invoices=(1, 3),
    business_invoices=(4, 26),
    consumer_behaviour=_weights(0.62, 0.22, 0.05, 0.04, 0.07),
    business_behaviour=_weights(0.58, 0.30, 0.05, 0.04, 0.03),
    descriptions=(
        "Brood en banket week {week}",
        "Gebak en taarten",
        "Levering broodjes",
        "Bruidstaart",
        "Verjaardagstaart",
        "Catering lunch",
    ),
)

INSTALLER = DemoCreditor(
    key="installer",
    supplier=SupplierParty(
        name="Installatietechniek Van Dam",
        registration_name="J. van Dam h.o.d.n. Installatietechniek Van Dam",
        kvk_number="00000102",
        vat_number="NL000012345B33",  # sole-trader btw-id (mod 97-10)
        address=Address("Vondelstraat", "18", "BIS", "3514 BJ", "Utrecht", "NL"),
        email="jeroen@vandaminstallatie.example",
        phone="+31612345678",
    ),
    iban="NL20INGB0001234567",
    tenant_code=102,
    invoice_prefix="VD",
    towns=(
        ("Utrecht", 6),
        ("Nieuwegein", 2),
        ("Zeist", 2),
        ("Houten", 1.5),
        ("Amersfoort", 1),
        ("Hilversum", 0.5),
    ),
    business_share=0.25,
    vat_rate=Decimal("0.21"),
    consumer_amount=(450, 0.9, 95, 8500),
    business_amount=(900, 1.0, 150, 25000),
    consumer_terms=(14,),
    business_terms=(30,),
    consumer_invoices=(1, 2),
    business_invoices=(1, 5),
    consumer_behaviour=_weights(0.55, 0.25, 0.07, 0.06, 0.07),
    business_behaviour=_weights(0.55, 0.32, 0.04, 0.06, 0.03),
    descriptions=(
        "Vervangen cv-ketel",
        "Onderhoud cv-installatie",
        "Reparatie lekkage",
        "Aanleg vloerverwarming",
        "Storing verholpen",
        "Installatie warmtepomp",
    ),
)

HOUSING = DemoCreditor(
    key="housing",
    supplier=SupplierParty(
        name="Woonstichting Maasoever",
        registration_name="Stichting Woonstichting Maasoever",
        kvk_number="00000103",
        vat_number="NL999999990B01",
        address=Address("Boompjes", "40", None, "3011 XB", "Rotterdam", "NL"),
        email="huurincasso@maasoever.example",
        phone="+31102345678",
    ),
    iban="NL02ABNA0123456789",
    tenant_code=103,
    invoice_prefix="WM",
    towns=(
        ("Rotterdam", 6),
        ("Schiedam", 2),
        ("Vlaardingen", 1.5),
        ("Capelle aan den IJssel", 1.5),
        ("Dordrecht", 1),
    ),
    business_share=0.0,
    vat_rate=Decimal("0.00"),  # rent of a dwelling is VAT-exempt (art. 11 lid 1 sub b Wet OB)
    consumer_amount=(780, 0.22, 475, 1150),
    business_amount=(780, 0.22, 475, 1150),
    consumer_terms=(0,),
    business_terms=(0,),
    consumer_invoices=(1, 12),
    business_invoices=(1, 12),
    consumer_behaviour=_weights(0.74, 0.15, 0.05, 0.02, 0.04),
    business_behaviour=_weights(0.74, 0.15, 0.05, 0.02, 0.04),
    descriptions=("Huur {month}",),
    monthly_rent=True,
)

CREDITORS: dict[str, DemoCreditor] = {c.key: c for c in (BAKERY, INSTALLER, HOUSING)}
