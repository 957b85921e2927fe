"""The words of Vorder's messages, per language, family and tone (B1 level, respectful).

A family (``herinnering``, ``aanmaning``, ``veertiendagenbrief``, ``sommatie``, ...) has a
subject and, per tone (friendly / neutral / firm), an opening and a request. Labels name the
amounts; the renderer adds the specification from the law engine.
"""

from __future__ import annotations

Phrase = dict[str, str]

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "dear": "Beste {name}",
        "dear_business": "Geachte heer, mevrouw",
        "invoice": "Factuur",
        "issued": "factuurdatum",
        "due": "vervaldatum",
        "open": "openstaand",
        "reference": "betalingskenmerk",
        "principal": "Hoofdsom",
        "interest": "Rente",
        "costs": "Incassokosten",
        "vat": "Btw over de incassokosten",
        "paid": "Al betaald",
        "total": "Totaal te betalen",
        "basis": "grondslag",
        "principal_basis": "de factuur (overeenkomst)",
        "claim": "Vordering",
        "provisional": (
            "De rente na de laatst bekende wettelijke rentestand is voorlopig berekend."
        ),
        "regards": "Met vriendelijke groet",
        "regards_firm": "Hoogachtend",
        "partner": "namens {creditor}",
        "questions": (
            "Vragen, een betalingsregeling of een klacht? Neem contact op met {creditor}; "
            "u kunt op dit bericht antwoorden."
        ),
        "pay_with": "Vermeld bij betaling het betalingskenmerk.",
        "sms": "{creditor}: er staat nog {total} open ({invoices}). Betaal a.u.b. o.v.v. "
        "het kenmerk. Vragen? Antwoord op dit bericht.",
        "letter_pay": ("Wij vragen u het totaalbedrag van {total} te betalen {term}."),
        "letter_costs": (
            "Betaalt u niet binnen deze termijn, dan moet u ook buitengerechtelijke "
            "incassokosten betalen: {costs}{vat}. Dit bedrag is berekend volgens de wet "
            "(art. 6:96 BW en het Besluit vergoeding voor buitengerechtelijke incassokosten) "
            "over de hoofdsom van {principal} van de facturen in deze brief samen."
        ),
        "letter_vat": " plus {vat} btw",
        "letter_after": (
            "Daarna kunnen wij de vordering uit handen geven. Dat willen wij liever "
            "voorkomen. Neem contact met ons op als u niet kunt betalen; dan zoeken wij samen "
            "naar een oplossing."
        ),
    },
    "en": {
        "dear": "Dear {name}",
        "dear_business": "Dear Sir or Madam",
        "invoice": "Invoice",
        "issued": "invoice date",
        "due": "due date",
        "open": "open",
        "reference": "payment reference",
        "principal": "Principal",
        "interest": "Interest",
        "costs": "Collection costs",
        "vat": "VAT on the collection costs",
        "paid": "Already paid",
        "total": "Total to pay",
        "basis": "basis",
        "principal_basis": "the invoice (agreement)",
        "claim": "Claim",
        "provisional": (
            "Interest after the last known statutory rate is calculated provisionally."
        ),
        "regards": "Kind regards",
        "regards_firm": "Yours faithfully",
        "partner": "on behalf of {creditor}",
        "questions": (
            "Questions, a payment plan or a complaint? Contact {creditor}; you can reply to "
            "this message."
        ),
        "pay_with": "Please quote the payment reference when you pay.",
        "sms": "{creditor}: {total} is still open ({invoices}). Please pay quoting the "
        "reference. Questions? Reply to this message.",
        "letter_pay": "We ask you to pay the total of {total} {term}.",
        "letter_costs": (
            "If you do not pay within this term, you will also owe extrajudicial collection "
            "costs of {costs}{vat}. This amount is set by Dutch law (art. 6:96 of the Civil "
            "Code and the Decree on extrajudicial collection costs) on the principal of "
            "{principal} of the invoices in this letter together."
        ),
        "letter_vat": " plus {vat} VAT",
        "letter_after": (
            "After that we may hand the claim over for collection. We would rather avoid "
            "that. Please contact us if you cannot pay; we will look for a solution together."
        ),
    },
}

# family -> language -> {"subject", "friendly", "neutral", "firm", "ask_friendly", ...}
FAMILIES: dict[str, dict[str, Phrase]] = {
    "herinnering-vooraf": {
        "nl": {
            "subject": "Vriendelijke herinnering: binnenkort te betalen",
            "friendly": "Binnenkort vervalt de betaaltermijn van de factuur hieronder. "
            "Misschien heeft u al betaald; dan kunt u dit bericht vergeten.",
            "neutral": "De betaaltermijn van de factuur hieronder vervalt binnenkort.",
            "firm": "De betaaltermijn van de factuur hieronder vervalt binnenkort. Wij "
            "rekenen op tijdige betaling.",
            "ask": "Wilt u het bedrag op tijd betalen?",
        },
        "en": {
            "subject": "Friendly reminder: payment due soon",
            "friendly": "The invoice below is due soon. If you have already paid, please "
            "ignore this message.",
            "neutral": "The invoice below is due soon.",
            "firm": "The invoice below is due soon. We count on payment on time.",
            "ask": "Would you please pay the amount on time?",
        },
    },
    "herinnering": {
        "nl": {
            "subject": "Herinnering: openstaande betaling",
            "friendly": "Wij hebben uw betaling nog niet ontvangen. Dat kan gebeuren. "
            "Misschien is het u ontschoten.",
            "neutral": "Volgens onze administratie is het bedrag hieronder nog niet betaald. "
            "De betaaltermijn is verstreken.",
            "firm": "De betaaltermijn is verstreken en wij hebben uw betaling nog niet ontvangen.",
            "ask": "Wilt u het openstaande bedrag zo snel mogelijk betalen?",
        },
        "en": {
            "subject": "Reminder: payment outstanding",
            "friendly": "We have not received your payment yet. That can happen; perhaps it "
            "slipped your mind.",
            "neutral": "According to our records the amount below has not been paid yet. The "
            "payment term has passed.",
            "firm": "The payment term has passed and we have not received your payment.",
            "ask": "Please pay the open amount as soon as possible.",
        },
    },
    "aanmaning": {
        "nl": {
            "subject": "Aanmaning: betaling nog niet ontvangen",
            "friendly": "Wij hebben u eerder een herinnering gestuurd, maar uw betaling nog "
            "niet ontvangen.",
            "neutral": "Ondanks onze herinnering hebben wij uw betaling nog niet ontvangen. "
            "Over het openstaande bedrag loopt wettelijke rente.",
            "firm": "Ondanks onze herinnering is het bedrag hieronder nog steeds niet betaald. "
            "Over het openstaande bedrag loopt wettelijke rente.",
            "ask": "Wij vragen u het totaalbedrag binnen 7 dagen te betalen.",
        },
        "en": {
            "subject": "Demand for payment",
            "friendly": "We sent you a reminder earlier, but have not received your payment.",
            "neutral": "Despite our reminder we have not received your payment. Statutory "
            "interest runs on the open amount.",
            "firm": "Despite our reminder the amount below is still unpaid. Statutory "
            "interest runs on the open amount.",
            "ask": "We ask you to pay the total within 7 days.",
        },
    },
    "veertiendagenbrief": {
        "nl": {
            "subject": "Laatste herinnering voordat incassokosten in rekening worden gebracht",
            "friendly": "U heeft de facturen hieronder nog niet betaald. Wij geven u graag "
            "nog een laatste kans om kosten te voorkomen.",
            "neutral": "U heeft de facturen hieronder nog niet betaald. Met deze brief geven "
            "wij u een laatste termijn om te betalen zonder extra kosten.",
            "firm": "U heeft de facturen hieronder nog steeds niet betaald. Dit is de laatste "
            "termijn om te betalen zonder extra kosten.",
            "ask": "",
        },
        "en": {
            "subject": "Final reminder before collection costs are charged",
            "friendly": "You have not yet paid the invoices below. We gladly give you one last "
            "chance to avoid costs.",
            "neutral": "You have not yet paid the invoices below. With this letter we give you "
            "a last term to pay without extra costs.",
            "firm": "You have still not paid the invoices below. This is the last term to pay "
            "without extra costs.",
            "ask": "",
        },
    },
    "sommatie": {
        "nl": {
            "subject": "Sommatie: laatste kans voor verdere stappen",
            "friendly": "Helaas hebben wij uw betaling nog altijd niet ontvangen.",
            "neutral": "Ondanks onze eerdere brieven is het bedrag hieronder niet betaald.",
            "firm": "Ondanks onze eerdere brieven is het bedrag hieronder niet betaald. Wij "
            "sommeren u het totaalbedrag te betalen.",
            "ask": "Betaal het totaalbedrag binnen 7 dagen. Doet u dat niet, dan dragen wij "
            "de vordering over voor verdere (gerechtelijke) stappen. De kosten daarvan kunnen "
            "voor uw rekening komen.",
        },
        "en": {
            "subject": "Final demand before further steps",
            "friendly": "Unfortunately we have still not received your payment.",
            "neutral": "Despite our earlier letters the amount below has not been paid.",
            "firm": "Despite our earlier letters the amount below has not been paid. We "
            "demand payment of the total.",
            "ask": "Pay the total within 7 days. If you do not, we will hand the claim over "
            "for further (legal) steps, the costs of which may be charged to you.",
        },
    },
    "bewaking-herinnering": {
        "nl": {
            "subject": "Uw openstaande schuld",
            "friendly": "Wij willen u eraan herinneren dat het bedrag hieronder nog open staat.",
            "neutral": "Het bedrag hieronder staat nog open; de rente loopt door.",
            "firm": "Het bedrag hieronder staat nog open; de rente loopt door.",
            "ask": "Neem contact met ons op om de betaling te regelen.",
        },
        "en": {
            "subject": "Your outstanding debt",
            "friendly": "We would like to remind you that the amount below is still open.",
            "neutral": "The amount below is still open; interest keeps running.",
            "firm": "The amount below is still open; interest keeps running.",
            "ask": "Please contact us to arrange payment.",
        },
    },
    "bericht": {
        "nl": {
            "subject": "Bericht over uw openstaande betaling",
            "friendly": "Wij sturen u een overzicht van wat nog open staat.",
            "neutral": "Hieronder staat wat nog open staat.",
            "firm": "Hieronder staat wat nog open staat. Wij verwachten uw betaling.",
            "ask": "Wilt u het openstaande bedrag betalen?",
        },
        "en": {
            "subject": "About your outstanding payment",
            "friendly": "Here is an overview of what is still open.",
            "neutral": "Below is what is still open.",
            "firm": "Below is what is still open. We expect your payment.",
            "ask": "Please pay the open amount.",
        },
    },
}
