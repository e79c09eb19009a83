using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;
using PhoneNumbers;

namespace LeadMarket.Domain.Tests.Intake;

public class ContactNormalizationTests
{
    [Theory]
    [InlineData("  Anna  ", "Anna")]
    [InlineData("Anna\t Maria", "Anna Maria")]
    [InlineData("Mu\u0308ller", "Müller")]
    [InlineData("", "")]
    public void Names_are_trimmed_with_one_space_inside_in_composed_form(string name, string expected)
    {
        Assert.Equal(expected, ContactNormalization.Name(name));
    }

    [Theory]
    [InlineData(" Anna.Schmidt@Web.DE ", "anna.schmidt@web.de")]
    [InlineData("anna+solar@gmx.net", "anna+solar@gmx.net")]
    [InlineData("anna@müller.de", "anna@xn--mller-kva.de")]
    [InlineData("anna@MÜLLER.de", "anna@xn--mller-kva.de")]
    [InlineData("anna@xn--mller-kva.de", "anna@xn--mller-kva.de")]
    public void Email_is_lowercased_with_its_domain_in_ascii_form(string email, string expected)
    {
        var normalized = ContactNormalization.Email(email);

        Assert.True(normalized.Ok, normalized.Message);
        Assert.Equal(expected, normalized.Value);
    }

    [Theory]
    [InlineData("anna.example.de")]
    [InlineData("anna@@example.de")]
    [InlineData("anna@example")]
    [InlineData("an na@example.de")]
    [InlineData(".anna@example.de")]
    [InlineData("an..na@example.de")]
    [InlineData("anna@exa_mple.de")]
    [InlineData("anna@-example.de")]
    [InlineData("anna@example.123")]
    [InlineData("jürgen@example.de")]
    [InlineData("anna@exa\uD800mple.de")]
    public void An_email_that_cannot_be_one_or_whose_domain_cannot_be_mapped_is_invalid(string email)
    {
        var normalized = ContactNormalization.Email(email);

        Assert.Equal(FieldErrorCodes.InvalidEmail, normalized.Code);
        Assert.Equal("", normalized.Value);
    }

    [Fact]
    public void An_email_longer_than_254_characters_is_invalid()
    {
        Assert.Equal(FieldErrorCodes.InvalidEmail, ContactNormalization.Email(new string('a', 60) + "@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 4)) + ".de").Code);
    }

    [Theory]
    [InlineData("0151 58374926", "DE", "+4915158374926", PhoneKind.Mobile)]
    [InlineData("+49 (89) 2180-3456", "DE", "+498921803456", PhoneKind.FixedLine)]
    [InlineData("0049 30 2093 1234", "DE", "+493020931234", PhoneKind.FixedLine)]
    [InlineData("0664 1234567", "AT", "+436641234567", PhoneKind.Mobile)]
    [InlineData("044 668 18 00", "CH", "+41446681800", PhoneKind.FixedLine)]
    [InlineData("+43 664 1234567", "DE", "+436641234567", PhoneKind.Mobile)]
    public void Phone_becomes_e164_read_in_the_leads_country_with_its_kind(string phone, string country, string e164, PhoneKind kind)
    {
        var normalized = ContactNormalization.Phone(phone, country);

        Assert.True(normalized.Ok, normalized.Message);
        Assert.Equal((e164, kind), (normalized.E164, normalized.Kind));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0151 58374926 ext. 5")]
    [InlineData("0900 1234567")]
    [InlineData("089 1")]
    [InlineData("+999 1234567")]
    [InlineData("+49 6410 2841116564")]
    public void A_phone_that_is_not_a_persons_valid_number_is_invalid(string phone)
    {
        Assert.Equal(FieldErrorCodes.InvalidPhone, ContactNormalization.Phone(phone, "DE").Code);
    }

    [Fact]
    public void A_phone_without_country_code_of_a_lead_with_an_unknown_country_is_invalid()
    {
        Assert.Equal(FieldErrorCodes.InvalidPhone, ContactNormalization.Phone("0151 58374926", "").Code);
        Assert.True(ContactNormalization.Phone("+49 151 58374926", "").Ok);
    }

    private static readonly Gen<string> Countries = Gen.Elements("DE", "AT", "CH", "FR", "GB", "US", "", "XX");

    private static readonly Gen<string> PhoneLike = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        from prefix in Gen.Elements("", "+", "0", "00", "+49 ", "+43 ", "+41 ", "0049 ")
        from length in Gen.Choose(3, 14)
        from digits in Gen.ArrayOf(Gen.Choose(0, 9), length)
        from separator in Gen.Elements("", " ", "-", "/")
        select prefix + string.Join(separator, digits));

    [Property(MaxTest = 500)]
    public Property Phone_normalization_is_idempotent_and_its_e164_parses_back() =>
        Prop.ForAll(PhoneLike.ToArbitrary(), Countries.ToArbitrary(), (phone, country) =>
        {
            var once = ContactNormalization.Phone(phone, country);
            if (!once.Ok)
            {
                Assert.Equal("", once.E164);
                return;
            }

            var twice = ContactNormalization.Phone(once.E164, country);
            Assert.Equal(once, twice);
            var parsed = PhoneNumberUtil.GetInstance().Parse(once.E164, "ZZ");
            Assert.Equal(once.E164, PhoneNumberUtil.GetInstance().Format(parsed, PhoneNumberFormat.E164));
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(once.E164, @"^\+[1-9][0-9]{3,14}$"), once.E164);
        });

    private static readonly Gen<string> EmailLike = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        from local in Gen.Elements("Anna", "a.b", "X+Y", "o'neil", "A_B", "ä", "..", "")
        from domain in Gen.Elements("Web.DE", "müller.de", "MÜLLER.DE", "xn--mller-kva.de", "bücher.example.com", "a.b.c.d", "ex ample.de", "x", "sub.xn--bcher-kva.at", "1.2")
        from space in Gen.Elements("", " ", "\t")
        select space + local + "@" + domain + space);

    [Property(MaxTest = 500)]
    public Property Email_normalization_is_lowercase_ascii_and_idempotent() =>
        Prop.ForAll(EmailLike.ToArbitrary(), email =>
        {
            var once = ContactNormalization.Email(email);
            if (!once.Ok)
            {
                Assert.Equal("", once.Value);
                return;
            }

            Assert.Equal(once.Value.ToLowerInvariant(), once.Value);
            Assert.True(once.Value.All(char.IsAscii));
            Assert.Equal(once, ContactNormalization.Email(once.Value));
        });

    [Property(MaxTest = 500)]
    public Property Name_normalization_is_idempotent_and_never_throws() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "").ToArbitrary(), name =>
        {
            var once = ContactNormalization.Name(name);

            Assert.Equal(once, ContactNormalization.Name(once));
            Assert.Equal(once.Trim(), once);
            Assert.DoesNotContain("  ", once, StringComparison.Ordinal);
        });

    [Property(MaxTest = 300)]
    public Property No_normalizer_ever_throws_on_any_string() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "").ToArbitrary(), Countries.ToArbitrary(), (value, country) =>
        {
            _ = ContactNormalization.Email(value);
            _ = ContactNormalization.Phone(value, country);
            _ = ContactNormalization.Name(value);
            _ = PostalCodes.Normalize(country, value);
            _ = ContactNormalization.AsciiDomain(value);
        });

    [Property(MaxTest = 300)]
    public Property No_normalizers_message_contains_the_value() =>
        Prop.ForAll(Gen.Elements("zqxj", "zqxj@", "zqxj@zqxj", "@zqxj", "zqxj@zqxj.zq", "+49 zqxj", "0151zqxj").ToArbitrary(), Countries.ToArbitrary(), (value, country) =>
        {
            foreach (var message in new[] { ContactNormalization.Email(value).Message, ContactNormalization.Phone(value, country).Message, PostalCodes.Normalize(country, value).Message })
            {
                Assert.DoesNotContain("zqxj", message ?? "", StringComparison.OrdinalIgnoreCase);
            }
        });
}
