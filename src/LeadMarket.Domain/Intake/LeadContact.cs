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

    /// <summary>The channels the consent names (<see cref="ContactChannels"/>).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    public LeadSourceType SourceType { get; init; } = LeadSourceType.Direct;

    /// <summary>The companies the consent text names (co-registration partners, sweepstakes sponsors).</summary>
    public IReadOnlyList<string> Partners { get; init; } = [];

    public string? TrustedFormCertUrl { get; init; }

    public string? JornayaLeadId { get; init; }

    /// <summary>True when the market itself ran the double opt-in (hosted DOI), false when the publisher brought it.</summary>
    public bool HostedDoubleOptIn { get; init; }

    /// <summary>The user agent of the confirmation click (recorded by the hosted double opt-in; null when the publisher brought the DOI).</summary>
    public string? ConfirmedUserAgent { get; init; }

    /// <summary>Value equality, the lists compared item by item (a record would compare their references).</summary>
    public bool Equals(ConsentEvidence? other) =>
        other is not null && OptInAt == other.OptInAt && OptInIp == other.OptInIp && UserAgent == other.UserAgent && SourceUrl == other.SourceUrl
        && ConsentText == other.ConsentText && ConfirmationSentAt == other.ConfirmationSentAt && ConfirmedAt == other.ConfirmedAt
        && ConfirmedIp == other.ConfirmedIp && Channels.SequenceEqual(other.Channels) && SourceType == other.SourceType
        && Partners.SequenceEqual(other.Partners) && TrustedFormCertUrl == other.TrustedFormCertUrl && JornayaLeadId == other.JornayaLeadId
        && HostedDoubleOptIn == other.HostedDoubleOptIn && ConfirmedUserAgent == other.ConfirmedUserAgent;

    public override int GetHashCode() => HashCode.Combine(OptInAt, OptInIp, SourceUrl, ConsentText, ConfirmedAt, SourceType, Channels.Count, Partners.Count);

    public override string ToString() => $"ConsentEvidence {{ OptInAt = {OptInAt:O}, DoubleOptIn = {IsDoubleOptIn} }}";
}

/// <summary>Where a lead was collected (DESIGN §1); co-registration and sweepstakes leads follow stricter consent rules.</summary>
public enum LeadSourceType
{
    Direct,
    CoRegistration,
    Sweepstakes,
}

/// <summary>The contact channels a consent can name (DESIGN §6).</summary>
public static class ContactChannels
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Sms = "sms";

    public static readonly IReadOnlyList<string> All = [Email, Phone, Sms];
}

/// <summary>Everything that is encrypted at rest for one lead.</summary>
public sealed record LeadPrivateData(LeadContact Contact, ConsentEvidence Consent)
{
    public override string ToString() => "LeadPrivateData { (personal data redacted) }";
}
