namespace LeadMarket.Domain.Intake;

/// <summary>What <see cref="ConsentPolicy.Check"/> decided: the problems, or the evidence the lead is listed with.</summary>
/// <param name="AwaitsConfirmation">The batch runs the hosted double opt-in and the lead brought none: it waits for the click.</param>
public sealed record ConsentCheck(IReadOnlyList<FieldError> Errors, ConsentEvidence? Evidence, bool AwaitsConfirmation);

/// <summary>
/// The consent step of the pre-ping (DESIGN §1; the rules are law: GDPR art. 6/7, UWG §7):
/// <list type="bullet">
/// <item>Complete evidence: opt-in time, IP, user agent, source URL and the exact consent wording, each missing part
/// a <c>consent_incomplete</c>.</item>
/// <item>Channels: the consent names at least one; a lead with a phone number needs the <c>phone</c> channel, else
/// the lead is rejected (<c>channel_not_consented</c> on <c>channels</c>; the number is not silently dropped, so the
/// publisher sees the gap); the <c>phone</c> or <c>sms</c> channel needs a phone number.</item>
/// <item>Double opt-in, needed when the consent names the <c>email</c> channel and for every sweepstakes lead: the
/// confirmation mail's time, the click's time and IP, in the order opt-in ≤ mail ≤ click; each gap a
/// <c>doi_missing</c> (for sweepstakes leads <c>sweepstakes_consent</c>). Partial DOI evidence is never taken. With
/// <see cref="IntakeRules.HostedDoubleOptIn"/> a lead without complete DOI evidence is accepted and waits for the
/// market's own confirmation mail (its partial evidence dropped); a contradicting timeline is still an error.</item>
/// <item>Co-registration: the partners are named, and each one's name appears in the consent wording
/// (<c>partner_not_named</c>).</item>
/// <item>Sweepstakes (<c>sweepstakes_consent</c>): sponsors named, at most <see cref="ConsentRules.MaxSweepstakesSponsors"/>,
/// each in the consent wording; the wording must be a consent to contact, not the draw's entry wording: it holds a
/// contact term (<see cref="ContactTerms"/>) and, when it speaks of the draw (<see cref="DrawTerms"/>), says that the
/// consent is no condition of taking part (<see cref="DecouplingTerms"/>).</item>
/// </list>
/// Names are found in the wording case-insensitively, as whole words, white space compared as one space.
/// </summary>
public static class ConsentPolicy
{
    /// <summary>Words of a consent to be contacted (German and English stems; one must appear in a sweepstakes consent).</summary>
    public static readonly IReadOnlyList<string> ContactTerms =
    [
        "werbung", "werbe", "angebot", "kontaktier", "kontaktaufnahme", "newsletter", "marketing", "informieren",
        "contact", "offers", "advertis", "promotion",
    ];

    /// <summary>Words that speak of the draw itself.</summary>
    public static readonly IReadOnlyList<string> DrawTerms =
    [
        "teilnahme", "teilnehm", "gewinnspiel", "verlosung", "participat", "sweepstake", "prize draw", "giveaway", "enter the draw",
    ];

    /// <summary>Words saying that the consent does not decide the entry (one must appear when the wording speaks of the draw).</summary>
    public static readonly IReadOnlyList<string> DecouplingTerms =
    [
        "unabhängig", "nicht abhängig", "keine voraussetzung", "nicht voraussetzung", "keine bedingung",
        "independent", "not a condition", "not required", "does not affect", "regardless",
    ];

    public static ConsentCheck Check(ParsedConsent consent, bool hasPhone, IntakeRules rules, Func<string, bool> failed, int row)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(failed);
        var errors = new List<FieldError>();
        void Add(string field, string code, string message) => errors.Add(new FieldError(row, field, code, message));

        Part("opt_in_at", consent.OptInAt is not null, "Consent evidence needs the time of the opt-in.");
        Part("opt_in_ip", consent.OptInIp.Length > 0, "Consent evidence needs the IP address the opt-in came from.");
        Part("user_agent", consent.UserAgent.Length > 0, "Consent evidence needs the browser's user agent at the opt-in.");
        Part("source_url", consent.SourceUrl.Length > 0, "Consent evidence needs the address of the page the opt-in was given on.");
        Part("consent_text", consent.ConsentText.Length > 0, "Consent evidence needs the exact consent wording the person agreed to.");

        var channels = consent.Channels;
        if (!failed("channels"))
        {
            if (channels.Count == 0)
            {
                Add("channels", FieldErrorCodes.ChannelNotConsented, "The consent names no contact channel (email, phone or sms).");
            }
            else if (hasPhone && !channels.Contains(ContactChannels.Phone))
            {
                Add("channels", FieldErrorCodes.ChannelNotConsented,
                    "A phone number is given but the consent does not name the phone channel; send the lead without the number or with consent to calls.");
            }

            if (!hasPhone && !failed("phone") && (channels.Contains(ContactChannels.Phone) || channels.Contains(ContactChannels.Sms)))
            {
                Add("phone", FieldErrorCodes.MissingField, "Is required when the consent names the phone or sms channel.");
            }
        }

        var sweepstakes = consent.SourceType == LeadSourceType.Sweepstakes;
        var doiNeeded = sweepstakes || channels.Contains(ContactChannels.Email);
        var (sentAt, confirmedAt, confirmedIp) = (consent.ConfirmationSentAt, consent.ConfirmedAt, consent.ConfirmedIp);
        var awaits = false;
        var doiFields = new[] { "confirmation_sent_at", "confirmed_at", "confirmed_ip" };
        if (!doiFields.Any(failed))
        {
            var doiCode = sweepstakes ? FieldErrorCodes.SweepstakesConsent : FieldErrorCodes.DoiMissing;
            var prefix = sweepstakes ? "Sweepstakes leads need double opt-in evidence: " : "Double opt-in evidence: ";
            var optInAt = consent.OptInAt;
            if (optInAt is { } start && sentAt is { } sent && sent < start)
            {
                Add("confirmation_sent_at", doiCode, prefix + "the confirmation mail cannot precede the opt-in.");
            }

            if (confirmedAt is { } clicked && ((sentAt is { } mailed && clicked < mailed) || (optInAt is { } began && clicked < began)))
            {
                Add("confirmed_at", doiCode, prefix + "the confirmation cannot precede the opt-in or the confirmation mail.");
            }

            var given = sentAt is not null || confirmedAt is not null || confirmedIp.Length > 0;
            var complete = sentAt is not null && confirmedAt is not null && confirmedIp.Length > 0;
            if (!complete && (doiNeeded || given))
            {
                if (rules.HostedDoubleOptIn && doiNeeded)
                {
                    awaits = true;
                    (sentAt, confirmedAt, confirmedIp) = (null, null, "");
                }
                else
                {
                    if (sentAt is null)
                    {
                        Add("confirmation_sent_at", doiCode, prefix + "the time the confirmation mail was sent is missing.");
                    }

                    if (confirmedAt is null)
                    {
                        Add("confirmed_at", doiCode, prefix + "the time of the confirmation click is missing.");
                    }

                    if (confirmedIp.Length == 0)
                    {
                        Add("confirmed_ip", doiCode, prefix + "the IP address of the confirmation click is missing.");
                    }
                }
            }
        }

        var text = Flat(consent.ConsentText);
        var partners = consent.Partners;
        if (!failed("partners") && consent.SourceType == LeadSourceType.CoRegistration)
        {
            if (partners.Count == 0)
            {
                Add("partners", FieldErrorCodes.PartnerNotNamed, "Co-registration leads must name the partners the consent covers.");
            }
            else if (text.Length > 0 && Unnamed(partners, text) is { Count: > 0 } unnamed)
            {
                Add("partners", FieldErrorCodes.PartnerNotNamed, $"The consent wording does not name partner {Positions(unnamed)} of the list.");
            }
        }

        if (sweepstakes)
        {
            if (!failed("partners"))
            {
                if (partners.Count == 0)
                {
                    Add("partners", FieldErrorCodes.SweepstakesConsent, "Sweepstakes leads must name the sponsors the consent covers.");
                }
                else if (partners.Count > rules.Consent.MaxSweepstakesSponsors)
                {
                    Add("partners", FieldErrorCodes.SweepstakesConsent,
                        $"Names {partners.Count} sponsors; a sweepstakes consent may name at most {rules.Consent.MaxSweepstakesSponsors}.");
                }
                else if (text.Length > 0 && Unnamed(partners, text) is { Count: > 0 } unnamed)
                {
                    Add("partners", FieldErrorCodes.SweepstakesConsent, $"The consent wording does not name sponsor {Positions(unnamed)} of the list.");
                }
            }

            if (text.Length > 0)
            {
                if (!ContactTerms.Any(t => text.Contains(t, StringComparison.Ordinal)))
                {
                    Add("consent_text", FieldErrorCodes.SweepstakesConsent,
                        "Is no consent to be contacted (advertising, offers, contact): entering the draw is not consent.");
                }
                else if (DrawTerms.Any(t => text.Contains(t, StringComparison.Ordinal)) && !DecouplingTerms.Any(t => text.Contains(t, StringComparison.Ordinal)))
                {
                    Add("consent_text", FieldErrorCodes.SweepstakesConsent,
                        "Mixes the consent with the draw's entry: it must say that taking part does not depend on the consent.");
                }
            }
        }

        if (errors.Count > 0 || consent.OptInAt is not { } optIn)
        {
            return new ConsentCheck(errors, null, false);
        }

        var evidence = new ConsentEvidence(optIn, consent.OptInIp, consent.UserAgent, consent.SourceUrl, consent.ConsentText, sentAt, confirmedAt,
            confirmedIp.Length == 0 ? null : confirmedIp)
        {
            Channels = channels,
            SourceType = consent.SourceType,
            Partners = partners,
            TrustedFormCertUrl = consent.TrustedFormCertUrl,
            JornayaLeadId = consent.JornayaLeadId,
            HostedDoubleOptIn = awaits,
        };
        return new ConsentCheck([], evidence, awaits);

        void Part(string field, bool present, string message)
        {
            if (!present && !failed(field))
            {
                Add(field, FieldErrorCodes.ConsentIncomplete, message);
            }
        }
    }

    /// <summary>True when <paramref name="name"/> appears in <paramref name="text"/> as whole words (case-insensitive, white space as one space).</summary>
    public static bool Names(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        return NamesFlat(Flat(text), Flat(name));
    }

    private static bool NamesFlat(string text, string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static List<int> Unnamed(IReadOnlyList<string> partners, string text) =>
        [.. partners.Select((p, i) => (Name: Flat(p), Position: i + 1)).Where(p => !NamesFlat(text, p.Name)).Select(p => p.Position)];

    private static string Positions(List<int> positions) =>
        positions.Count <= 5 ? string.Join(", ", positions) : $"{string.Join(", ", positions.Take(5))} (and {positions.Count - 5} more)";

    private static string Flat(string value) => LeadText.Clean(value).ToLowerInvariant();
}
