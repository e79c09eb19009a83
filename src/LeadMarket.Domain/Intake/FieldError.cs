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
}
