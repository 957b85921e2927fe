"""Named errors of the claims ledger's use cases (each maps to a clear 4xx at the edge)."""

from __future__ import annotations

from vorder.core.errors import Conflict, DomainError, NotFound


class DebtorNotFound(NotFound):
    """(code ``not_found``, like every NotFound: the edge answers 404.)"""


class InvoiceNotFound(NotFound):
    """(code ``not_found``, like every NotFound: the edge answers 404.)"""


class ClaimNotFound(NotFound):
    """(code ``not_found``, like every NotFound: the edge answers 404.)"""


class PaymentNotFound(NotFound):
    """(code ``not_found``, like every NotFound: the edge answers 404.)"""


class ImportNotFound(NotFound):
    """(code ``not_found``, like every NotFound: the edge answers 404.)"""


class DuplicateDebtor(Conflict):
    """A debtor with the same own number (or the same name and address) already exists."""

    code = "duplicate_debtor"


class DuplicateInvoiceNumber(Conflict):
    """Invoice numbers are unique per organisation (and per document type)."""

    code = "duplicate_invoice_number"


class CurrencyMismatch(DomainError):
    """A credit note or a payment in another currency than the invoice or claim."""

    code = "currency_mismatch"


class CreditExceedsInvoice(DomainError):
    """A credit note for more than is left of the invoice it credits."""

    code = "credit_exceeds_invoice"


class CreditedInvoiceMissing(DomainError):
    """A credit note names an invoice that does not exist (in this organisation)."""

    code = "credited_invoice_missing"


class WrongDebtor(DomainError):
    """An invoice, claim or payment of another debtor was named."""

    code = "wrong_debtor"


class InvalidPaymentAmount(DomainError):
    code = "invalid_payment_amount"


class InvalidPaymentDate(DomainError):
    code = "invalid_payment_date"


class ClaimClosed(Conflict):
    """The claim is closed or written off: nothing more can be charged on it."""

    code = "claim_closed"


class InvalidSort(DomainError):
    code = "invalid_sort"


class InvalidImport(DomainError):
    """The file cannot be imported (unknown format, empty, too large)."""

    code = "invalid_import"


class IdempotencyKeyReused(Conflict):
    """The Idempotency-Key was used before for a different request."""

    code = "idempotency_key_reused"


class IdempotencyKeyInFlight(Conflict):
    """A request with this Idempotency-Key is still being processed."""

    code = "idempotency_key_in_flight"
