using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadValidationTests
{
    private static readonly DateTimeOffset OptIn = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly LeadContact Contact = new("Anna", "Schmidt", "anna.schmidt@example.de", "+49 89 1234567", "Leopoldstr. 1", "80331", "München", "DE");

    private static readonly ConsentEvidence Consent = new(
        OptIn, "203.0.113.7", "Mozilla/5.0", "https://example.de/solar", "I agree to be contacted by solar installers.", OptIn.AddMinutes(1), OptIn.AddMinutes(5), "203.0.113.7");

    private static IReadOnlyList<FieldError> Check(LeadContact? contact = null, ConsentEvidence? consent = null, string language = "de", string need = "Quote for a solar roof", int row = 2) =>
        LeadValidation.Check(contact ?? Contact, consent ?? Consent, language, need, row);

    [Fact]
    public void A_complete_lead_has_no_errors()
    {
        Assert.Empty(Check());
    }

    [Theory]
    [InlineData("anna.example.de", "invalid_email")]
    [InlineData("anna@@example.de", "invalid_email")]
    [InlineData("anna@example", "invalid_email")]
    [InlineData("an na@example.de", "invalid_email")]
    [InlineData("", "missing_field")]
    public void An_email_that_is_not_one_is_reported_with_its_code(string email, string code)
    {
        var error = Assert.Single(Check(Contact with { Email = email }));

        Assert.Equal(("email", code, 2), (error.Field, error.Code, error.Row));
    }

    [Theory]
    [InlineData("12345", "invalid_phone")]
    [InlineData("+49 89 1234567 ext. 5", "invalid_phone")]
    [InlineData("1234567890123456", "invalid_phone")]
    [InlineData("", "missing_field")]
    public void A_phone_number_that_is_not_one_is_reported_with_its_code(string phone, string code)
    {
        var error = Assert.Single(Check(Contact with { Phone = phone }));

        Assert.Equal(("phone", code), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("80", "invalid_postal_code")]
    [InlineData("12345678901", "invalid_postal_code")]
    [InlineData("", "missing_field")]
    public void A_postal_code_outside_three_to_ten_letters_or_digits_is_reported(string postalCode, string code)
    {
        var error = Assert.Single(Check(Contact with { PostalCode = postalCode }));

        Assert.Equal(("postal_code", code), (error.Field, error.Code));
    }

    [Fact]
    public void Country_language_need_and_consent_problems_are_invalid_values_each_on_its_field()
    {
        var errors = Check(
            Contact with { Country = "de" },
            Consent with { OptInIp = "not-an-ip", SourceUrl = "ftp://example.de", ConsentText = "ok", ConfirmedAt = OptIn.AddMinutes(-1) },
            language: "d",
            need: "x");

        Assert.Equal(
            ["country", "language", "need", "opt_in_ip", "source_url", "consent_text", "confirmed_at"],
            errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(FieldErrorCodes.InvalidValue, e.Code));
    }

    [Fact]
    public void A_lead_without_consent_evidence_is_missing_fields()
    {
        var errors = Check(consent: new ConsentEvidence(default, "", "", "", "", null, null, null));

        Assert.Equal(["opt_in_at", "opt_in_ip", "source_url", "consent_text"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(FieldErrorCodes.MissingField, e.Code));
    }

    [Property(MaxTest = 300)]
    public Property No_error_ever_carries_the_value_it_is_about() =>
        Prop.ForAll(Arb.From(Gen.Elements("zq", "zq@", "@zq", "zq zq", "zqzqzqzqzqzqzqzqzq", "+zq")), value =>
        {
            var errors = Check(
                new LeadContact(value, value, value, value, value, value, value, value),
                Consent with { OptInIp = value, SourceUrl = value, ConsentText = value },
                language: value,
                need: value);

            Assert.NotEmpty(errors);
            Assert.All(errors, e =>
            {
                Assert.DoesNotContain(value, e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(value, e.ToString(), StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(e.Code));
            });
        });

    [Property(MaxTest = 300)]
    public bool Every_error_uses_a_code_of_the_contract(NonNull<string> first, NonNull<string> email, NonNull<string> phone, NonNull<string> postal) =>
        Check(Contact with { FirstName = first.Get, Email = email.Get, Phone = phone.Get, PostalCode = postal.Get })
            .All(e => e.Code is FieldErrorCodes.MissingField or FieldErrorCodes.InvalidEmail or FieldErrorCodes.InvalidPhone
                or FieldErrorCodes.InvalidPostalCode or FieldErrorCodes.InvalidValue);
}
