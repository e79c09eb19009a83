using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;
using static LeadMarket.Domain.Tests.Intake.PrePingFixture;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadPrePingTests
{
    [Fact]
    public void A_complete_lead_is_accepted_in_its_normalized_form()
    {
        var result = Check(Lead);

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        var lead = result.Lead!;
        Assert.Equal(new LeadContact("Anna", "Schmidt", "anna.schmidt@web.de", "+4915158374926", "Leopoldstraße 12", "80802", "München", "DE"), lead.Contact);
        Assert.Equal(PhoneKind.Mobile, lead.PhoneKind);
        Assert.Equal("DE-80xxx", lead.PostalArea);
        Assert.Equal("de", lead.Language);
        Assert.Equal(new Dictionary<string, string> { ["roof_m2"] = "48.5", ["owner_occupied"] = "yes", ["roof_type"] = "pitched" }, lead.Fields);
        Assert.False(lead.AwaitsConfirmation);
        Assert.True(lead.Consent.IsDoubleOptIn);
        Assert.Equal(["email", "phone"], lead.Consent.Channels);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), lead.Consent.OptInAt);
        Assert.Equal(lead.Score.Factors.Sum(f => f.Points), lead.Score.Value);
    }

    [Fact]
    public void Every_problem_of_a_lead_is_reported_at_once_with_the_row()
    {
        var result = Check(Lead with { Email = "anna@", PostalCode = "00000", OptInIp = "", Fields = new Dictionary<string, string>() }, row: 7);

        Assert.Equal(
            [("email", "invalid_email"), ("postal_code", "invalid_postal_code"), ("fields.roof_m2", "missing_field"),
                ("fields.owner_occupied", "missing_field"), ("opt_in_ip", "consent_incomplete")],
            result.Errors.Select(e => (e.Field, e.Code)));
        Assert.All(result.Errors, e => Assert.Equal(7, e.Row));
    }

    public static TheoryData<string, Func<LeadSubmission, LeadSubmission>, IntakeRules?, string> OneCodeEach => new()
    {
        { "missing_field", l => l with { City = " " }, null, "city" },
        { "invalid_email", l => l with { Email = "anna.schmidt.web.de" }, null, "email" },
        { "invalid_phone", l => l with { Phone = "0151 58" }, null, "phone" },
        { "invalid_postal_code", l => l with { PostalCode = "99999" }, null, "postal_code" },
        { "invalid_value", l => l with { OptInAt = "9999-12-31T00:00:00Z" }, null, "opt_in_at" },
        { "disposable_email", l => l with { Email = "anna@mailinator.com" }, null, "email" },
        { "fake_value", l => l with { Email = "test@test.de" }, null, "email" },
        { "consent_incomplete", l => l with { ConsentText = "" }, null, "consent_text" },
        { "doi_missing", l => l with { ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "" }, null, "confirmation_sent_at" },
        { "channel_not_consented", l => l with { Channels = ["email"] }, null, "channels" },
        { "partner_not_named", l => l with { SourceType = "coRegistration", Partners = ["SolarCo", "Dachwerk GmbH"] }, null, "partners" },
        { "sweepstakes_consent", l => l with { SourceType = "sweepstakes", Partners = ["SolarCo"], ConsentText = "Ich nehme am Gewinnspiel teil und SolarCo darf mich kontaktieren." }, null, "consent_text" },
        { "below_minimum_criteria", l => l with { Fields = new Dictionary<string, string> { ["roof_m2"] = "12", ["owner_occupied"] = "yes" } }, null, "fields.roof_m2" },
    };

    [Theory]
    [MemberData(nameof(OneCodeEach))]
    public void Each_rejection_code_is_produced_on_its_field(string code, Func<LeadSubmission, LeadSubmission> change, IntakeRules? rules, string field)
    {
        var errors = Check(change(Lead), rules).Errors;

        Assert.Contains(errors, e => e.Code == code && e.Field == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Every_code_but_duplicate_is_produced_by_the_pre_ping_and_duplicate_is_left_to_the_market_data()
    {
        Assert.Equal(FieldErrorCodes.All.Where(c => c != FieldErrorCodes.Duplicate).Order(), OneCodeEach.Select(row => (string)row[0]).Order());
    }

    [Fact]
    public void Hosted_double_opt_in_accepts_a_lead_without_doi_evidence_and_lets_it_wait_for_the_click()
    {
        var lead = Lead with { ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "" };

        var result = Check(lead, Rules with { HostedDoubleOptIn = true });

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.True(result.Lead!.AwaitsConfirmation);
        Assert.True(result.Lead.Consent.HostedDoubleOptIn);
        Assert.False(result.Lead.Consent.IsDoubleOptIn);
        Assert.Equal(0, result.Lead.Score.Factors.Single(f => f.Name == ScoreFactorNames.Doi).Points);
    }

    [Fact]
    public void A_lead_with_its_own_complete_doi_does_not_wait_even_in_a_hosted_batch()
    {
        var result = Check(Lead, Rules with { HostedDoubleOptIn = true });

        Assert.False(result.Lead!.AwaitsConfirmation);
        Assert.False(result.Lead.Consent.HostedDoubleOptIn);
    }

    [Fact]
    public void A_lead_without_phone_needs_no_phone_channel_and_scores_no_phone_points()
    {
        var result = Check(Lead with { Phone = "", Channels = ["email"] });

        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        Assert.Equal("", result.Lead!.Contact.Phone);
        Assert.Equal(PhoneKind.Unknown, result.Lead.PhoneKind);
        Assert.Equal(0, result.Lead.Score.Factors.Single(f => f.Name == ScoreFactorNames.Phone).Points);
    }

    [Fact]
    public void Trusted_form_and_jornaya_references_are_kept_on_the_evidence()
    {
        var result = Check(Lead with
        {
            TrustedFormCertUrl = "https://cert.trustedform.com/0123456789ABCDEF0123456789abcdef01234567",
            JornayaLeadId = "0b7f4c2e-1a2b-4c3d-8e9f-0123456789ab",
        });

        Assert.Equal("https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567", result.Lead!.Consent.TrustedFormCertUrl);
        Assert.Equal("0B7F4C2E-1A2B-4C3D-8E9F-0123456789AB", result.Lead.Consent.JornayaLeadId);
    }

    [Fact]
    public void A_phone_that_is_fake_on_its_face_is_a_fake_value_not_an_invalid_phone()
    {
        var error = SingleError(Lead with { Phone = "0123456789" });

        Assert.Equal(("phone", FieldErrorCodes.FakeValue), (error.Field, error.Code));
    }

    private static readonly Gen<string> AnyText = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.Elements("", " ", "=1+1", "+49 151 58374926", "80802", "de", "2026-11-20T10:00:00Z", "203.0.113.7", "email", "a@b.de", "\uD800", "\u0000"));

    private static readonly Gen<LeadSubmission> AnyLead =
        from values in Gen.ArrayOf(AnyText, 22)
        from channels in Gen.ListOf(AnyText)
        from partners in Gen.ListOf(AnyText)
        from field in AnyText
        select new LeadSubmission
        {
            FirstName = values[0], LastName = values[1], Email = values[2], Phone = values[3], Street = values[4], PostalCode = values[5],
            City = values[6], Country = values[7], Language = values[8], Need = values[9], OptInAt = values[10], OptInIp = values[11],
            UserAgent = values[12], SourceUrl = values[13], ConsentText = values[14], ConfirmationSentAt = values[15], ConfirmedAt = values[16],
            ConfirmedIp = values[17], SourceType = values[18], TrustedFormCertUrl = values[19], JornayaLeadId = values[20],
            Channels = [.. channels], Partners = [.. partners],
            Fields = new Dictionary<string, string> { ["roof_m2"] = field, [values[21]] = field },
        };

    [Property(MaxTest = 500)]
    public Property The_pre_ping_never_throws_and_answers_with_contract_codes() =>
        Prop.ForAll(AnyLead.ToArbitrary(), lead =>
        {
            var result = Check(lead);

            Assert.Equal(result.Errors.Count == 0, result.Accepted);
            Assert.All(result.Errors, e => Assert.Contains(e.Code, FieldErrorCodes.All));
            Assert.All(result.Errors, e => Assert.Equal(2, e.Row));
        });

    [Property(MaxTest = 300)]
    public Property No_error_message_ever_contains_the_value_it_is_about() =>
        Prop.ForAll(Gen.Elements("zqxj", "zqxj@", "@zqxj", "zqxj zqxj", "=zqxj", "+zqxj", "zqxj.zqxj", "zqxjzqxjzqxjzqxj", "0zqxj9").ToArbitrary(), value =>
        {
            var lead = new LeadSubmission
            {
                FirstName = value, LastName = value, Email = value, Phone = value, Street = value, PostalCode = value, City = value, Country = value,
                Language = value, Need = value, OptInAt = value, OptInIp = value, UserAgent = value, SourceUrl = value, ConsentText = value,
                ConfirmationSentAt = value, ConfirmedAt = value, ConfirmedIp = value, SourceType = value, TrustedFormCertUrl = value,
                JornayaLeadId = value, Channels = [value], Partners = [value],
                Fields = new Dictionary<string, string> { ["roof_m2"] = value, ["remarks"] = value, ["owner_occupied"] = value },
            };

            var errors = Check(lead).Errors;

            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.DoesNotContain("zqxj", e.Message, StringComparison.OrdinalIgnoreCase));
            Assert.All(errors, e => Assert.DoesNotContain("zqxj", e.ToString(), StringComparison.OrdinalIgnoreCase));
        });
}
