using LeadMarket.Domain.Intake;
using static LeadMarket.Domain.Tests.Intake.PrePingFixture;

namespace LeadMarket.Domain.Tests.Intake;

public class ConsentPolicyTests
{
    private const string SweepstakesText =
        "Ich willige ein, dass SolarCo und Dachwerk GmbH mich per E-Mail und Telefon zu Angeboten kontaktieren. "
        + "Die Teilnahme am Gewinnspiel ist unabhängig von dieser Einwilligung.";

    private static ConsentCheck Consent(LeadSubmission lead, IntakeRules? rules = null)
    {
        var fields = LeadFieldValidation.Check(lead, ConsentRules.Default, Now, 5);
        Assert.Empty(fields.Errors);
        return ConsentPolicy.Check(fields.Consent, lead.Phone.Trim().Length > 0, rules ?? Rules, fields.Failed, 5);
    }

    private static IEnumerable<(string Field, string Code)> Problems(LeadSubmission lead, IntakeRules? rules = null) =>
        Consent(lead, rules).Errors.Select(e => (e.Field, e.Code));

    private static readonly LeadSubmission Sweepstakes = Lead with { SourceType = "sweepstakes", Partners = ["SolarCo", "Dachwerk GmbH"], ConsentText = SweepstakesText };

    [Fact]
    public void Complete_evidence_becomes_the_leads_consent_evidence()
    {
        var check = Consent(Lead);

        Assert.Empty(check.Errors);
        Assert.NotNull(check.Evidence);
        Assert.Equal(("203.0.113.7", "203.0.113.8"), (check.Evidence.OptInIp, check.Evidence.ConfirmedIp));
        Assert.False(check.AwaitsConfirmation);
    }

    [Fact]
    public void Each_missing_part_of_the_evidence_is_consent_incomplete()
    {
        var lead = Lead with { OptInAt = "", OptInIp = "", UserAgent = "", SourceUrl = "", ConsentText = "", ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "", Channels = ["phone"] };

        Assert.Equal(
            [("opt_in_at", "consent_incomplete"), ("opt_in_ip", "consent_incomplete"), ("user_agent", "consent_incomplete"),
                ("source_url", "consent_incomplete"), ("consent_text", "consent_incomplete")],
            Problems(lead));
        Assert.Null(Consent(lead).Evidence);
    }

    [Fact]
    public void The_email_channel_needs_each_part_of_the_double_opt_in()
    {
        Assert.Equal(
            [("confirmation_sent_at", "doi_missing"), ("confirmed_at", "doi_missing"), ("confirmed_ip", "doi_missing")],
            Problems(Lead with { ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "" }));
        Assert.Equal([("confirmed_ip", "doi_missing")], Problems(Lead with { ConfirmedIp = "" }));
    }

    [Theory]
    [InlineData("2026-11-20T09:59:00Z", "2026-11-20T10:05:00Z", "confirmation_sent_at")]
    [InlineData("2026-11-20T10:01:00Z", "2026-11-20T10:00:30Z", "confirmed_at")]
    [InlineData("2026-11-20T10:01:00Z", "2026-11-20T09:00:00Z", "confirmed_at")]
    public void A_confirmation_out_of_order_is_no_double_opt_in(string sentAt, string confirmedAt, string field)
    {
        Assert.Contains((field, "doi_missing"), Problems(Lead with { ConfirmationSentAt = sentAt, ConfirmedAt = confirmedAt }));
    }

    [Fact]
    public void A_consent_for_the_phone_only_needs_no_double_opt_in_but_partial_doi_evidence_is_refused()
    {
        Assert.Empty(Problems(Lead with { Channels = ["phone"], ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "" }));
        Assert.Equal([("confirmation_sent_at", "doi_missing"), ("confirmed_ip", "doi_missing")],
            Problems(Lead with { Channels = ["phone"], ConfirmationSentAt = "", ConfirmedIp = "" }));
    }

    [Fact]
    public void Hosted_double_opt_in_waits_for_the_click_instead_and_drops_partial_evidence()
    {
        var check = Consent(Lead with { ConfirmedAt = "", ConfirmedIp = "" }, Rules with { HostedDoubleOptIn = true });

        Assert.Empty(check.Errors);
        Assert.True(check.AwaitsConfirmation);
        Assert.True(check.Evidence!.HostedDoubleOptIn);
        Assert.Null(check.Evidence.ConfirmationSentAt);
    }

    [Fact]
    public void Hosted_double_opt_in_does_not_excuse_a_contradicting_timeline()
    {
        Assert.Contains(("confirmation_sent_at", "doi_missing"),
            Problems(Lead with { ConfirmationSentAt = "2026-11-20T09:00:00Z", ConfirmedAt = "", ConfirmedIp = "" }, Rules with { HostedDoubleOptIn = true }));
    }

    [Fact]
    public void A_phone_number_without_the_phone_channel_rejects_the_lead()
    {
        var error = Assert.Single(Consent(Lead with { Channels = ["email"] }).Errors);

        Assert.Equal(("channels", FieldErrorCodes.ChannelNotConsented), (error.Field, error.Code));
        Assert.Contains("phone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consent_naming_no_channel_is_channel_not_consented()
    {
        Assert.Equal([("channels", "channel_not_consented")], Problems(Lead with { Channels = [] }));
    }

    [Fact]
    public void The_phone_or_sms_channel_needs_a_phone_number()
    {
        Assert.Equal([("phone", "missing_field")], Problems(Lead with { Phone = "", Channels = ["email", "sms"] }));
    }

    [Fact]
    public void A_co_registration_lead_names_its_partners_each_in_the_consent_wording()
    {
        var named = Lead with { SourceType = "coRegistration", Partners = ["SolarCo"] };

        Assert.Empty(Problems(named));
        Assert.Equal([("partners", "partner_not_named")], Problems(named with { Partners = [] }));
        var error = Assert.Single(Consent(named with { Partners = ["SolarCo", "Dachwerk GmbH", "Solar"] }).Errors);
        Assert.Equal(("partners", FieldErrorCodes.PartnerNotNamed), (error.Field, error.Code));
        Assert.Contains("2, 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Dachwerk", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SolarCo mich kontaktiert", "solarco", true)]
    [InlineData("SOLARCO  GmbH darf", "solarco gmbh", true)]
    [InlineData("SolarCompany", "SolarCo", false)]
    [InlineData("xSolarCo", "SolarCo", false)]
    [InlineData("SolarCo", "", false)]
    public void A_partner_is_named_as_whole_words_case_insensitively(string text, string partner, bool named)
    {
        Assert.Equal(named, ConsentPolicy.Names(text, partner));
    }

    [Fact]
    public void A_sweepstakes_consent_that_is_separate_from_the_entry_and_names_its_sponsors_is_accepted()
    {
        Assert.Empty(Problems(Sweepstakes));
    }

    [Theory]
    [InlineData("Ich nehme am Gewinnspiel teil und akzeptiere die Teilnahmebedingungen.")]
    [InlineData("Mit der Teilnahme am Gewinnspiel willige ich ein, dass SolarCo und Dachwerk GmbH mich zu Angeboten kontaktieren.")]
    [InlineData("I want to participate in the prize draw of SolarCo and Dachwerk GmbH and receive their offers.")]
    public void A_sweepstakes_consent_that_is_only_or_tied_to_the_entry_wording_is_refused(string text)
    {
        Assert.Contains(("consent_text", "sweepstakes_consent"), Problems(Sweepstakes with { ConsentText = text }));
    }

    [Fact]
    public void A_sweepstakes_consent_names_its_sponsors_at_most_the_configured_number()
    {
        var rules = Rules with { Consent = ConsentRules.Default with { MaxSweepstakesSponsors = 1 } };

        Assert.Equal([("partners", "sweepstakes_consent")], Problems(Sweepstakes with { Partners = [] }));
        Assert.Equal([("partners", "sweepstakes_consent")], Problems(Sweepstakes, rules));
        Assert.Equal([("partners", "sweepstakes_consent")], Problems(Sweepstakes with { Partners = ["SolarCo", "Dachwerk GmbH", "Sonnenstrom AG"] }));
    }

    [Fact]
    public void A_sweepstakes_lead_needs_double_opt_in_even_for_the_phone_only()
    {
        Assert.Equal(
            [("confirmation_sent_at", "sweepstakes_consent"), ("confirmed_at", "sweepstakes_consent"), ("confirmed_ip", "sweepstakes_consent")],
            Problems(Sweepstakes with { Channels = ["phone"], ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "" }));
    }

    [Fact]
    public void Trusted_form_and_jornaya_are_kept_on_the_evidence()
    {
        var check = Consent(Lead with { TrustedFormCertUrl = "https://cert.trustedform.com/" + new string('a', 40), JornayaLeadId = "0b7f4c2e-1a2b-4c3d-8e9f-0123456789ab" });

        Assert.Equal("https://cert.trustedform.com/" + new string('a', 40), check.Evidence!.TrustedFormCertUrl);
        Assert.Equal("0B7F4C2E-1A2B-4C3D-8E9F-0123456789AB", check.Evidence.JornayaLeadId);
    }
}
