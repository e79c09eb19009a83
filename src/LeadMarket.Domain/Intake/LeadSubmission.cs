namespace LeadMarket.Domain.Intake;

/// <summary>
/// One lead exactly as a publisher hands it in (a CSV row or an item of <c>POST /api/v1/leads</c>), before the
/// pre-ping: every value still a string as sent, so that a bad value is reported with its field instead of failing
/// the whole request. Field names follow DESIGN §6 (camelCase in JSON, snake_case in CSV).
/// </summary>
public sealed record LeadSubmission
{
    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string Email { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Street { get; init; } = "";

    public string PostalCode { get; init; } = "";

    public string City { get; init; } = "";

    /// <summary>ISO 3166 alpha-2.</summary>
    public string Country { get; init; } = "";

    public string Language { get; init; } = "";

    public string Need { get; init; } = "";

    /// <summary>The vertical's own fields by name (as the admin defined them), values as sent.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>ISO 8601 time of the opt-in.</summary>
    public string OptInAt { get; init; } = "";

    public string OptInIp { get; init; } = "";

    public string UserAgent { get; init; } = "";

    public string SourceUrl { get; init; } = "";

    /// <summary>The exact consent wording the person agreed to.</summary>
    public string ConsentText { get; init; } = "";

    /// <summary>The channels the person agreed to be contacted by: <c>email</c>, <c>phone</c>, <c>sms</c>.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    public string ConfirmationSentAt { get; init; } = "";

    public string ConfirmedAt { get; init; } = "";

    public string ConfirmedIp { get; init; } = "";

    /// <summary><c>direct</c> (the default when empty), <c>coRegistration</c> or <c>sweepstakes</c>.</summary>
    public string SourceType { get; init; } = "";

    /// <summary>The companies the consent text names (co-registration partners, sweepstakes sponsors).</summary>
    public IReadOnlyList<string> Partners { get; init; } = [];

    public string TrustedFormCertUrl { get; init; } = "";

    public string JornayaLeadId { get; init; } = "";

    public override string ToString() => "LeadSubmission { (personal data redacted) }";
}
