namespace LeadMarket.Domain.Intake;

/// <summary>
/// The personal data of a lead. Stored only encrypted, shown only to the lead's publisher, its buyers and
/// admins. <see cref="ToString"/> is redacted so that it can never leak into a log line by accident.
/// </summary>
public sealed record LeadContact(
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string Street,
    string PostalCode,
    string City,
    string Country)
{
    public string FullName => $"{FirstName} {LastName}";

    public override string ToString() => "LeadContact { (personal data redacted) }";
}

/// <summary>Double opt-in evidence, as the publisher captured it.</summary>
public sealed record ConsentEvidence(
    DateTimeOffset OptInAt,
    string OptInIp,
    string UserAgent,
    string SourceUrl,
    string ConsentText,
    DateTimeOffset? ConfirmationSentAt,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmedIp)
{
    public bool IsDoubleOptIn => ConfirmedAt is not null;

    public override string ToString() => $"ConsentEvidence {{ OptInAt = {OptInAt:O}, DoubleOptIn = {IsDoubleOptIn} }}";
}

/// <summary>Everything that is encrypted at rest for one lead.</summary>
public sealed record LeadPrivateData(LeadContact Contact, ConsentEvidence Consent)
{
    public override string ToString() => "LeadPrivateData { (personal data redacted) }";
}
