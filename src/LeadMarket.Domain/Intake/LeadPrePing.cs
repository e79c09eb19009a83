namespace LeadMarket.Domain.Intake;

/// <summary>
/// The pre-ping every lead passes before it may be listed (DESIGN §2), whatever channel it came through, in this
/// order: validate the lead's fields (<see cref="LeadFieldValidation"/>) and normalize its contact
/// (<see cref="ContactNormalization"/>, <see cref="PostalCodes"/>), the vertical's fields
/// (<see cref="VerticalFieldValidation"/>), consent (<see cref="ConsentPolicy"/>), authenticity
/// (<see cref="Authenticity"/>), score (<see cref="LeadScore"/>). Every problem of the lead is reported at once, a
/// field at most once per kind of problem: a step skips a field an earlier step already found wrong. The duplicate
/// check needs the market's data and runs in Infrastructure on the normalized email and phone of an accepted lead.
/// </summary>
public static class LeadPrePing
{
    /// <summary>Checks one lead; every problem is reported with its field, code and words.</summary>
    /// <param name="row">The row the lead came from (1-based), carried on each error.</param>
    public static PrePingResult Check(LeadSubmission lead, IntakeRules rules, DateTimeOffset now, int row)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        var fieldCheck = LeadFieldValidation.Check(lead, rules.Consent, now, row);
        var errors = new List<FieldError>(fieldCheck.Errors);
        bool Failed(string field) => errors.Any(e => e.Field == field);

        var firstName = ContactNormalization.Name(lead.FirstName);
        var lastName = ContactNormalization.Name(lead.LastName);
        var street = ContactNormalization.Name(lead.Street);
        var city = ContactNormalization.Name(lead.City);
        var country = fieldCheck.Country;

        string? email = null;
        if (!Failed("email"))
        {
            var normalized = ContactNormalization.Email(lead.Email);
            Take("email", normalized.Code, normalized.Message);
            email = normalized.Ok ? normalized.Value : null;
        }

        var hasPhone = lead.Phone.Trim().Length > 0;
        NormalizedPhone? phone = null;
        if (hasPhone && !Failed("phone"))
        {
            phone = ContactNormalization.Phone(lead.Phone, country);
            if (!phone.Ok && Authenticity.IsFakeDigits(lead.Phone))
            {
                phone = null;
            }
            else
            {
                Take("phone", phone.Code, phone.Message);
            }
        }

        var postalCode = "";
        if (!Failed("postal_code"))
        {
            var normalized = PostalCodes.Normalize(country, lead.PostalCode);
            Take("postal_code", normalized.Code, normalized.Message);
            postalCode = normalized.Value;
        }

        var vertical = VerticalFieldValidation.Check(lead.Fields, rules.Vertical, row);
        errors.AddRange(vertical.Errors);

        var consent = ConsentPolicy.Check(fieldCheck.Consent, hasPhone, rules, Failed, row);
        errors.AddRange(consent.Errors);

        errors.AddRange(Authenticity.Check(
            Failed("first_name") ? "" : firstName,
            Failed("last_name") ? "" : lastName,
            email,
            phone is { Ok: true } ? phone.E164 : null,
            hasPhone && phone is null && !Failed("phone") ? lead.Phone : "",
            row));

        if (errors.Count > 0 || consent.Evidence is null || email is null)
        {
            return new PrePingResult(null, errors);
        }

        var contact = new LeadContact(firstName, lastName, email, phone?.E164 ?? "", street, postalCode, city, country);
        var phoneKind = phone?.Kind ?? PhoneKind.Unknown;
        var score = LeadScore.For(contact, phoneKind, consent.Evidence, fieldCheck.Need, vertical.Fields, rules.Vertical, now);
        var accepted = new AcceptedLead(contact, phoneKind, consent.Evidence, PostalArea.From(country, postalCode), fieldCheck.Language,
            fieldCheck.Need, vertical.Fields, score)
        {
            AwaitsConfirmation = consent.AwaitsConfirmation,
        };
        return new PrePingResult(accepted, []);

        void Take(string field, string? code, string? message)
        {
            if (code is not null)
            {
                errors.Add(new FieldError(row, field, code, message ?? ""));
            }
        }
    }
}
