using LeadMarket.Domain.Intake;
using static LeadMarket.Domain.Tests.Intake.PrePingFixture;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadFieldValidationTests
{
    private static FieldCheck Validate(LeadSubmission lead) => LeadFieldValidation.Check(lead, ConsentRules.Default, Now, 3);

    [Fact]
    public void The_fixture_lead_has_no_format_problem_and_its_codes_are_read()
    {
        var check = Validate(Lead);

        Assert.Empty(check.Errors);
        Assert.Equal(("DE", "de"), (check.Country, check.Language));
        Assert.Equal(LeadSourceType.Direct, check.Consent.SourceType);
    }

    [Theory]
    [InlineData("first_name")]
    [InlineData("last_name")]
    [InlineData("email")]
    [InlineData("postal_code")]
    [InlineData("city")]
    [InlineData("country")]
    [InlineData("language")]
    [InlineData("need")]
    public void A_required_field_left_empty_is_missing(string field)
    {
        var error = Assert.Single(Validate(With(field, "  ")).Errors);

        Assert.Equal((field, FieldErrorCodes.MissingField, 3), (error.Field, error.Code, error.Row));
    }

    [Theory]
    [InlineData("first_name", 100)]
    [InlineData("last_name", 100)]
    [InlineData("street", 200)]
    [InlineData("city", 100)]
    [InlineData("need", 500)]
    [InlineData("consent_text", 4000)]
    [InlineData("user_agent", 1000)]
    [InlineData("source_url", 2000)]
    [InlineData("email", 254)]
    [InlineData("phone", 40)]
    [InlineData("postal_code", 20)]
    [InlineData("opt_in_ip", 45)]
    [InlineData("trusted_form_cert_url", 2000)]
    [InlineData("jornaya_lead_id", 200)]
    public void A_value_longer_than_its_fields_bound_is_invalid(string field, int max)
    {
        var fits = Validate(With(field, new string('a', max)));
        var error = Assert.Single(Validate(With(field, new string('a', max + 1))).Errors);

        Assert.DoesNotContain(fits.Errors, e => e.Message.Contains("longer", StringComparison.Ordinal));
        Assert.Equal((field, FieldErrorCodes.InvalidValue), (error.Field, error.Code));
        Assert.Contains($"{max}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first_name", "=HYPERLINK(\"http://x\")")]
    [InlineData("last_name", "+Schmidt")]
    [InlineData("street", "-1+2")]
    [InlineData("city", "@SUM(A1)")]
    [InlineData("need", "\t=1+1")]
    [InlineData("need", "\r=1+1")]
    [InlineData("consent_text", "  =cmd|' /C calc'!A0 I agree to be contacted")]
    [InlineData("phone", "-0151 58374926")]
    [InlineData("user_agent", "=Mozilla")]
    public void A_value_that_starts_a_spreadsheet_formula_is_rejected_with_the_reason(string field, string value)
    {
        var error = Assert.Single(Validate(With(field, value)).Errors);

        Assert.Equal((field, FieldErrorCodes.InvalidValue), (error.Field, error.Code));
        Assert.Contains("formula", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phone_may_start_with_plus_but_a_partner_may_not_start_a_formula()
    {
        Assert.Empty(Validate(Lead with { Phone = "+49 151 58374926" }).Errors);
        var error = Assert.Single(Validate(Lead with { Partners = ["SolarCo", "=1+1"] }).Errors);

        Assert.Equal(("partners", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Fact]
    public void A_value_with_control_characters_or_broken_text_is_invalid()
    {
        foreach (var value in new[] { "Anna\u0000", "An\uD800na", "Anna\u001B[31m" })
        {
            var error = Assert.Single(Validate(Lead with { FirstName = value }).Errors);

            Assert.Equal(("first_name", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
        }
    }

    [Theory]
    [InlineData("country", "Germany")]
    [InlineData("country", "XX")]
    [InlineData("country", "D")]
    [InlineData("language", "deu")]
    [InlineData("language", "german")]
    [InlineData("language", "xx")]
    [InlineData("need", "ok")]
    [InlineData("consent_text", "ok, fine")]
    [InlineData("source_type", "lottery")]
    [InlineData("source_url", "ftp://example.de/x")]
    [InlineData("source_url", "javascript:alert(1)")]
    [InlineData("source_url", "/relative/page")]
    [InlineData("trusted_form_cert_url", "https://cert.trustedform.com/123")]
    [InlineData("trusted_form_cert_url", "https://evil.example/0123456789abcdef0123456789abcdef01234567")]
    [InlineData("jornaya_lead_id", "not-a-lead-id")]
    public void A_value_in_the_wrong_format_is_invalid_on_its_field(string field, string value)
    {
        var error = Assert.Single(Validate(With(field, value)).Errors);

        Assert.Equal((field, FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("203.0.113.07")]
    [InlineData("203.0.113.256")]
    [InlineData("203.0.113")]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fd00::1")]
    public void An_ip_that_is_not_a_real_public_address_is_invalid(string ip)
    {
        var error = Assert.Single(Validate(Lead with { OptInIp = ip }).Errors);

        Assert.Equal(("opt_in_ip", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:DB8::0:1", "2001:db8::1")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void Real_ipv4_and_ipv6_addresses_are_kept_in_canonical_form(string ip, string expected)
    {
        Assert.Equal(expected, Validate(Lead with { OptInIp = ip }).Consent.OptInIp);
    }

    [Theory]
    [InlineData("opt_in_at", "9999-12-31T00:00:00Z", "future")]
    [InlineData("opt_in_at", "2026-11-20T12:06:00Z", "future")]
    [InlineData("confirmed_at", "2026-11-20T12:06:00Z", "future")]
    [InlineData("confirmation_sent_at", "2026-11-20T12:06:00Z", "future")]
    [InlineData("opt_in_at", "2025-11-19T11:59:00Z", "older")]
    [InlineData("opt_in_at", "20.11.2026 10:00", "ISO 8601")]
    [InlineData("opt_in_at", "yesterday", "ISO 8601")]
    public void A_time_in_the_future_too_old_or_not_iso_is_invalid(string field, string value, string words)
    {
        var error = Assert.Single(Validate(With(field, value)).Errors);

        Assert.Equal((field, FieldErrorCodes.InvalidValue), (error.Field, error.Code));
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-20T12:04:59Z", "2026-11-20T12:04:59+00:00")]
    [InlineData("2026-11-20T11:00:00+01:00", "2026-11-20T10:00:00+00:00")]
    [InlineData("2026-11-20T10:00", "2026-11-20T10:00:00+00:00")]
    [InlineData("2026-11-20 10:00:00.250Z", "2026-11-20T10:00:00.2500000+00:00")]
    public void Times_within_the_clock_skew_and_in_iso_forms_are_read_as_utc(string value, string expected)
    {
        var check = Validate(Lead with { OptInAt = value, ConfirmationSentAt = "", ConfirmedAt = "" });

        Assert.Empty(check.Errors);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), check.Consent.OptInAt);
        Assert.Equal(TimeSpan.Zero, check.Consent.OptInAt!.Value.Offset);
    }

    [Fact]
    public void Channels_are_lowercased_and_deduplicated_and_unknown_ones_are_invalid()
    {
        Assert.Equal(["email", "sms"], Validate(Lead with { Channels = [" Email", "SMS", "email", ""] }).Consent.Channels);
        var error = Assert.Single(Validate(Lead with { Channels = ["email", "fax"] }).Errors);

        Assert.Equal(("channels", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Fact]
    public void Partners_are_bounded_in_number_and_length()
    {
        var many = Validate(Lead with { Partners = [.. Enumerable.Range(1, 101).Select(i => $"Partner {i}")] });
        var fits = Validate(Lead with { Partners = [.. Enumerable.Range(1, 100).Select(i => $"Partner {i}")] });
        var long_ = Validate(Lead with { Partners = [new string('p', 201)] });

        Assert.Equal(("partners", FieldErrorCodes.InvalidValue), (Assert.Single(many.Errors).Field, many.Errors[0].Code));
        Assert.Empty(fits.Errors);
        Assert.Equal(100, fits.Consent.Partners.Count);
        Assert.Equal(("partners", FieldErrorCodes.InvalidValue), (Assert.Single(long_.Errors).Field, long_.Errors[0].Code));
    }

    [Theory]
    [InlineData("coRegistration", LeadSourceType.CoRegistration)]
    [InlineData("co_registration", LeadSourceType.CoRegistration)]
    [InlineData("SWEEPSTAKES", LeadSourceType.Sweepstakes)]
    [InlineData("", LeadSourceType.Direct)]
    public void Source_types_are_read_in_their_written_forms(string value, LeadSourceType expected)
    {
        Assert.Equal(expected, Validate(Lead with { SourceType = value }).Consent.SourceType);
    }

    private static LeadSubmission With(string field, string value) => field switch
    {
        "first_name" => Lead with { FirstName = value },
        "last_name" => Lead with { LastName = value },
        "email" => Lead with { Email = value },
        "phone" => Lead with { Phone = value },
        "street" => Lead with { Street = value },
        "postal_code" => Lead with { PostalCode = value },
        "city" => Lead with { City = value },
        "country" => Lead with { Country = value },
        "language" => Lead with { Language = value },
        "need" => Lead with { Need = value },
        "opt_in_at" => Lead with { OptInAt = value },
        "opt_in_ip" => Lead with { OptInIp = value },
        "user_agent" => Lead with { UserAgent = value },
        "source_url" => Lead with { SourceUrl = value },
        "consent_text" => Lead with { ConsentText = value },
        "confirmation_sent_at" => Lead with { ConfirmationSentAt = value },
        "confirmed_at" => Lead with { ConfirmedAt = value },
        "source_type" => Lead with { SourceType = value },
        "trusted_form_cert_url" => Lead with { TrustedFormCertUrl = value },
        "jornaya_lead_id" => Lead with { JornayaLeadId = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
