namespace LeadMarket.Domain.Intake;

/// <summary>The kind of value a vertical's own field holds.</summary>
public enum VerticalFieldKind
{
    Text,
    Number,
    YesNo,
    Choice,
}

/// <summary>
/// One of a vertical's own fields as the admin defined it: its type, whether it is required, and the minimum
/// criterion a lead must meet to be listed at all (e.g. solar: <c>owner_occupied</c> must be yes, <c>roof_m2</c> at least 20).
/// </summary>
/// <param name="Name">The field's key in <see cref="LeadSubmission.Fields"/> (snake_case, also the CSV column).</param>
/// <param name="Choices">For <see cref="VerticalFieldKind.Choice"/>: the allowed values.</param>
/// <param name="Minimum">For numbers: the lowest value that meets the vertical's minimum criteria.</param>
/// <param name="Maximum">For numbers: the highest plausible value (beyond it the value is invalid).</param>
/// <param name="MustBe">A minimum criterion for yes/no and choice fields: the value (or one of the values, comma separated) a listable lead has.</param>
public sealed record VerticalFieldRule(
    string Name,
    VerticalFieldKind Kind,
    bool Required,
    IReadOnlyList<string>? Choices = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    string? MustBe = null);

/// <summary>What the pre-ping needs to know about the vertical a lead is listed in.</summary>
public sealed record VerticalRules(string Slug, IReadOnlyList<VerticalFieldRule> Fields)
{
    public static VerticalRules None(string slug) => new(slug, []);
}

/// <summary>The market's consent policy (DESIGN §1).</summary>
/// <param name="MaxSweepstakesSponsors">The most sponsors one sweepstakes consent may name (German courts rejected 50).</param>
/// <param name="MaxEvidenceAge">How old an opt-in may be and still be listed.</param>
public sealed record ConsentRules(int MaxSweepstakesSponsors, TimeSpan MaxEvidenceAge)
{
    public static ConsentRules Default { get; } = new(10, TimeSpan.FromDays(365));
}

/// <summary>Everything the pre-ping of one lead depends on besides the lead itself.</summary>
/// <param name="HostedDoubleOptIn">The market sends the confirmation mail itself, so a lead without DOI evidence is accepted and waits for the click.</param>
public sealed record IntakeRules(VerticalRules Vertical, ConsentRules Consent, bool HostedDoubleOptIn = false);

/// <summary>The kind of phone number libphonenumber found.</summary>
public enum PhoneKind
{
    Unknown,
    Mobile,
    FixedLine,
    FixedLineOrMobile,
    Voip,
    Other,
}

/// <summary>
/// A lead that passed the pre-ping: normalized (trimmed names, lowercased IDN-safe email, E.164 phone, checked
/// postal code), with its consent evidence parsed and its score. What the market stores and lists.
/// </summary>
public sealed record AcceptedLead(
    LeadContact Contact,
    PhoneKind PhoneKind,
    ConsentEvidence Consent,
    string PostalArea,
    string Language,
    string Need,
    IReadOnlyDictionary<string, string> Fields,
    LeadScore Score)
{
    /// <summary>True when the lead waits for the hosted double opt-in's click before it is listed.</summary>
    public bool AwaitsConfirmation { get; init; }

    public override string ToString() => $"AcceptedLead {{ PostalArea = {PostalArea}, Score = {Score.Value} (personal data redacted) }}";
}

/// <summary>The pre-ping's answer for one lead: accepted with its normalized form, or rejected with every problem.</summary>
public sealed record PrePingResult(AcceptedLead? Lead, IReadOnlyList<FieldError> Errors)
{
    public bool Accepted => Lead is not null && Errors.Count == 0;
}
