using LeadMarket.Domain.Leads;

namespace LeadMarket.Infrastructure.Leads;

/// <summary>One lead as a publisher hands it in (CSV row or API item), before validation.</summary>
public sealed record LeadInput(
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string Street,
    string PostalCode,
    string City,
    string Country,
    string Language,
    string Need,
    ConsentEvidence Consent)
{
    public override string ToString() => "LeadInput { (personal data redacted) }";
}

/// <summary>A problem with one field of one input row. Never carries the field's value: it may be personal data.</summary>
public sealed record FieldError(int Row, string Field, string Message)
{
    public override string ToString() => Row > 0 ? $"Row {Row}, {Field}: {Message}" : $"{Field}: {Message}";
}
