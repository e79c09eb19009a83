using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class AuthenticityTests
{
    private static IEnumerable<(string Field, string Code)> Problems(string first = "Anna", string last = "Schmidt", string? email = "anna.schmidt@web.de",
        string? phone = "+4915158374926", string rawPhone = "") =>
        Authenticity.Check(first, last, email, phone, rawPhone, 1).Select(e => (e.Field, e.Code));

    [Fact]
    public void A_real_looking_lead_is_authentic()
    {
        Assert.Empty(Problems());
    }

    [Theory]
    [InlineData("anna@mailinator.com")]
    [InlineData("anna@10minutemail.com")]
    [InlineData("anna@trashmail.de")]
    [InlineData("anna@anything.33mail.com")]
    public void An_address_of_a_disposable_mail_service_is_disposable_email(string email)
    {
        Assert.Equal([("email", "disposable_email")], Problems(email: email));
    }

    [Fact]
    public void The_disposable_list_is_the_published_one()
    {
        Assert.True(Authenticity.IsDisposableEmail(ContactNormalization.Email("anna@instágram.com").Value));
        Assert.True(Authenticity.IsDisposableEmail("x@0-180.com"));
        Assert.True(Authenticity.IsDisposableEmail("x@33mail.com"));
        Assert.False(Authenticity.IsDisposableEmail("x@gmail.com"));
        Assert.False(Authenticity.IsDisposableEmail("x@web.de"));
    }

    [Theory]
    [InlineData("test@test.de")]
    [InlineData("test@web.de")]
    [InlineData("test123@gmx.de")]
    [InlineData("fake@gmail.com")]
    [InlineData("asdf@gmail.com")]
    [InlineData("qwer@gmail.com")]
    [InlineData("aaaa@gmail.com")]
    [InlineData("anna@example.com")]
    [InlineData("anna@mail.example.de")]
    [InlineData("anna@shop.test")]
    [InlineData("anna@host.invalid")]
    [InlineData("max.mustermann@mustermann.de")]
    public void A_placeholder_address_is_a_fake_value(string email)
    {
        Assert.Equal([("email", "fake_value")], Problems(email: email));
    }

    [Theory]
    [InlineData("+4915111111111")]
    [InlineData("+4915123456789")]
    [InlineData("+4915198765432")]
    [InlineData("+4915187654321")]
    public void A_placeholder_phone_number_is_a_fake_value(string phone)
    {
        Assert.Equal([("phone", "fake_value")], Problems(phone: phone));
    }

    [Theory]
    [InlineData("0123456789")]
    [InlineData("1234567890")]
    [InlineData("9876543210")]
    [InlineData("00000")]
    [InlineData("777 7777")]
    public void A_number_fake_on_its_face_is_a_fake_value_even_when_it_did_not_normalize(string raw)
    {
        Assert.Equal([("phone", "fake_value")], Problems(phone: null, rawPhone: raw));
    }

    [Theory]
    [InlineData("Test", "Schmidt", "first_name")]
    [InlineData("Anna", "Test", "last_name")]
    [InlineData("Asdf", "Schmidt", "first_name")]
    [InlineData("Anna", "Qwertz", "last_name")]
    [InlineData("Anna", "Sdfghj", "last_name")]
    [InlineData("Xxx", "Schmidt", "first_name")]
    [InlineData("Anna", "Aaaa", "last_name")]
    [InlineData("Anna2", "Schmidt", "first_name")]
    [InlineData("Anna", "...", "last_name")]
    [InlineData("Max", "Mustermann", "last_name")]
    [InlineData("Erika", "Musterfrau", "last_name")]
    [InlineData("John", "Doe", "first_name")]
    public void A_placeholder_name_is_a_fake_value(string first, string last, string field)
    {
        Assert.Contains((field, "fake_value"), Problems(first, last));
    }

    [Fact]
    public void Test_test_is_fake_on_both_names()
    {
        Assert.Equal([("first_name", "fake_value"), ("last_name", "fake_value")], Problems("Test", "Test"));
    }

    [Theory]
    [InlineData("Hertz")]
    [InlineData("Wertz")]
    [InlineData("Bertz")]
    [InlineData("Anna-Lena")]
    [InlineData("O'Neil")]
    [InlineData("Doe")]
    [InlineData("Müller")]
    [InlineData("Ng")]
    public void Real_names_that_look_a_little_like_placeholders_are_authentic(string name)
    {
        Assert.Empty(Problems(last: name));
    }

    [Fact]
    public void Nothing_is_checked_for_values_that_did_not_normalize()
    {
        Assert.Empty(Problems(first: "", last: "", email: null, phone: null, rawPhone: ""));
    }
}
