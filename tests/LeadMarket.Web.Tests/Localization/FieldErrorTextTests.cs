using System.Globalization;
using System.Text.RegularExpressions;
using LeadMarket.Domain.Intake;
using LeadMarket.Web.Localization;
using LeadMarket.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The pre-ping's rejections read in English and German: every code, the fields' labels and the score's factors.</summary>
public sealed partial class FieldErrorTextTests
{
    private static readonly FieldErrorText Texts = Create();

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    /// <summary>The fields the pre-ping reports on, and a vertical's field.</summary>
    private static readonly string[] Fields =
    [
        "first_name", "last_name", "email", "phone", "street", "postal_code", "city", "country", "language", "need", "fields", "opt_in_at",
        "opt_in_ip", "user_agent", "source_url", "consent_text", "channels", "confirmation_sent_at", "confirmed_at", "confirmed_ip",
        "source_type", "partners", "trusted_form_cert_url", "jornaya_lead_id", "fields.roof_m2",
    ];

    public static TheoryData<string> Codes => [.. FieldErrorCodes.All];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_its_own_english_and_german_words(string code)
    {
        var error = new FieldError(3, "city", code, "DOMAIN MESSAGE");

        var english = Texts.Message(error, English);
        var german = Texts.Message(error, German);

        Assert.NotEqual("DOMAIN MESSAGE", english);
        Assert.NotEqual("DOMAIN MESSAGE", german);
        Assert.NotEqual(english, german);
    }

    [Fact]
    public void German_words_for_every_code_on_every_field_hold_no_english()
    {
        foreach (var code in FieldErrorCodes.All)
        {
            foreach (var field in Fields)
            {
                var error = new FieldError(2, field, code, "Is required.");
                var german = Texts.For(error, German);

                Assert.NotEqual(Texts.For(error, English), german);
                var left = EnglishWord().Matches(german).Select(m => m.Value).ToList();
                Assert.True(left.Count == 0, $"{code} on {field}: English left in \"{german}\": {string.Join(", ", left)}");
            }
        }
    }

    [Fact]
    public void A_field_is_shown_by_its_column_label_and_a_verticals_field_by_its_name()
    {
        Assert.Equal("Postal code: This field is required.", Texts.For(new FieldError(2, "postal_code", FieldErrorCodes.MissingField, "Is required."), English));
        Assert.Equal("Postleitzahl: Dieses Feld ist erforderlich.", Texts.For(new FieldError(2, "postal_code", FieldErrorCodes.MissingField, "Is required."), German));
        Assert.Equal("Branchenfeld „roof_m2“", Texts.Field("fields.roof_m2", German));
        Assert.Equal("file", Texts.Field("file"));
    }

    [Fact]
    public void A_field_specific_text_is_preferred_over_the_codes_general_one()
    {
        var general = Texts.Message(new FieldError(2, "street", FieldErrorCodes.InvalidValue, ""), English);
        var specific = Texts.Message(new FieldError(2, "opt_in_at", FieldErrorCodes.InvalidValue, ""), English);
        var vertical = Texts.Message(new FieldError(2, "fields.roof_m2", FieldErrorCodes.InvalidValue, ""), English);

        Assert.StartsWith("This value is not valid here", general, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", specific, StringComparison.Ordinal);
        Assert.Contains("vertical field", vertical, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_code_falls_back_to_the_domains_message()
    {
        Assert.Equal("Something new.", Texts.Message(new FieldError(2, "city", "something_new", "Something new."), German));
    }

    [Fact]
    public void Every_score_factor_has_an_english_and_a_german_label()
    {
        foreach (var factor in ScoreFactorNames.All)
        {
            var english = In(English, () => Texts.ScoreFactor(factor));
            var german = In(German, () => Texts.ScoreFactor(factor));

            Assert.NotEqual(factor, english);
            Assert.NotEqual(english, german);
        }
    }

    private static T In<T>(CultureInfo culture, Func<T> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static FieldErrorText Create()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return new FieldErrorText(services.GetRequiredService<IStringLocalizer<IntakeText>>());
    }

    [GeneratedRegex(@"(?<!\w)(the|and|must|is|not|of|or|with|this|field|value|required|invalid|missing|number|consent|lead's|needs?)(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();
}
