namespace LeadMarket.Domain.Intake;

/// <summary>
/// A problem with one field of one input row (row 0: the batch's terms or the file as a whole), with the machine
/// code of DESIGN §6 and a message for people. Never carries the field's value: it may be personal data.
/// </summary>
public sealed record FieldError(int Row, string Field, string Code, string Message)
{
    public override string ToString() => Row > 0 ? $"Row {Row}, {Field}: {Message}" : $"{Field}: {Message}";
}

/// <summary>The codes of <see cref="FieldError.Code"/>; part of the external contract (DESIGN §6).</summary>
public static class FieldErrorCodes
{
    public const string MissingField = "missing_field";
    public const string InvalidEmail = "invalid_email";
    public const string InvalidPhone = "invalid_phone";
    public const string InvalidPostalCode = "invalid_postal_code";
    public const string InvalidValue = "invalid_value";
    public const string Duplicate = "duplicate";
    public const string DisposableEmail = "disposable_email";
    public const string FakeValue = "fake_value";
    public const string ConsentIncomplete = "consent_incomplete";
    public const string DoiMissing = "doi_missing";
    public const string ChannelNotConsented = "channel_not_consented";
    public const string PartnerNotNamed = "partner_not_named";
    public const string SweepstakesConsent = "sweepstakes_consent";
    public const string BelowMinimumCriteria = "below_minimum_criteria";

    /// <summary>Every code, in the order of DESIGN §6.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        MissingField, InvalidEmail, InvalidPhone, InvalidPostalCode, InvalidValue, Duplicate, DisposableEmail, FakeValue,
        ConsentIncomplete, DoiMissing, ChannelNotConsented, PartnerNotNamed, SweepstakesConsent, BelowMinimumCriteria,
    ];
}
