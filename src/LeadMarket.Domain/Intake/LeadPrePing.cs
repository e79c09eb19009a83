using System.Globalization;

namespace LeadMarket.Domain.Intake;

/// <summary>
/// The pre-ping every lead passes before it may be listed (DESIGN §2), whatever channel it came through:
/// normalize, validate, consent, authenticity, score. The duplicate check needs the market's data and runs in
/// Infrastructure on the normalized email and phone of an accepted lead.
/// </summary>
public static class LeadPrePing
{
    /// <summary>Checks one lead; every problem is reported with its field, code and words.</summary>
    /// <param name="row">The row the lead came from (1-based), carried on each error.</param>
    public static PrePingResult Check(LeadSubmission lead, IntakeRules rules, DateTimeOffset now, int row)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<FieldError>();
        var optInAt = Time(lead.OptInAt, "opt_in_at", required: true);
        var sentAt = Time(lead.ConfirmationSentAt, "confirmation_sent_at", required: false);
        var confirmedAt = Time(lead.ConfirmedAt, "confirmed_at", required: false);
        var contact = new LeadContact(lead.FirstName.Trim(), lead.LastName.Trim(), lead.Email.Trim().ToLowerInvariant(), lead.Phone.Trim(),
            lead.Street.Trim(), lead.PostalCode.Trim(), lead.City.Trim(), lead.Country.Trim().ToUpperInvariant());
        var consent = new ConsentEvidence(optInAt ?? default, lead.OptInIp.Trim(), lead.UserAgent.Trim(), lead.SourceUrl.Trim(), lead.ConsentText.Trim(),
            sentAt, confirmedAt, lead.ConfirmedIp.Trim().Length == 0 ? null : lead.ConfirmedIp.Trim())
        {
            Channels = lead.Channels,
            Partners = lead.Partners,
        };
        var language = lead.Language.Trim().ToLowerInvariant();
        var need = lead.Need.Trim();
        errors.AddRange(LeadValidation.Check(contact, consent, language, need, row).Where(e => !(e.Field == "opt_in_at" && optInAt is null && errors.Any(x => x.Field == "opt_in_at"))));
        if (errors.Count > 0)
        {
            return new PrePingResult(null, errors);
        }

        var accepted = new AcceptedLead(contact, PhoneKind.Unknown, consent, PostalArea.From(contact.Country, contact.PostalCode), language, need,
            lead.Fields, LeadScore.For(contact, consent, need));
        return new PrePingResult(accepted, []);

        DateTimeOffset? Time(string value, string field, bool required)
        {
            if (value.Trim().Length == 0)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed.ToUniversalTime();
            }

            errors.Add(new FieldError(row, field, FieldErrorCodes.InvalidValue, "Must be an ISO 8601 time, e.g. 2026-11-20T10:00:00Z."));
            return null;
        }
    }
}
