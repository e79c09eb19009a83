using System.Globalization;
using System.Resources;
using System.Text;
using LeadMarket.Domain.Intake;
using MimeKit;

namespace LeadMarket.Infrastructure.Mail;

/// <summary>Marker of the resources beside it (DoiMailText.resx, DoiMailText.de.resx): the words of the double opt-in mail.</summary>
public sealed class DoiMailText;

/// <summary>
/// The hosted double opt-in's confirmation mail, in the lead's language (German or English, else English): the source
/// the person opted in on, the consent wording exactly as the publisher captured it, and the confirmation link.
/// </summary>
public static class DoiMail
{
    private static readonly ResourceManager Texts = new(typeof(DoiMailText));

    /// <summary>The languages the mail is written in; any other lead language gets the first.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "de"];

    /// <summary>The link a confirmation token is clicked at: <c>{publicBaseUrl}/doi/{token}</c>.</summary>
    public static string Link(string publicBaseUrl, string token) => $"{publicBaseUrl.TrimEnd('/')}/doi/{Uri.EscapeDataString(token)}";

    public static MimeMessage Compose(string from, LeadContact contact, ConsentEvidence consent, string language, string link, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(consent);
        var culture = CultureFor(language);
        string Text(string key) => Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The mail text '{key}' is missing.");
        string Time(DateTimeOffset at) => at.UtcDateTime.ToString(Text("TimeFormat"), culture);

        var body = new StringBuilder()
            .AppendLine(string.Format(culture, Text("Greeting"), contact.FirstName))
            .AppendLine()
            .AppendLine(string.Format(culture, Text("Intro"), Time(consent.OptInAt), consent.SourceUrl))
            .AppendLine()
            .Append('"').Append(consent.ConsentText).AppendLine("\"")
            .AppendLine()
            .AppendLine(Text("Request"))
            .AppendLine()
            .AppendLine(link)
            .AppendLine()
            .AppendLine(string.Format(culture, Text("Validity"), Time(expiresAt)))
            .AppendLine()
            .AppendLine(Text("Ignore"))
            .AppendLine()
            .AppendLine("-- ")
            .AppendLine("LeadMarket");

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(contact.FullName, contact.Email));
        message.Subject = Text("Subject");
        message.Headers.Add(HeaderId.ContentLanguage, culture.TwoLetterISOLanguageName);
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    private static CultureInfo CultureFor(string language)
    {
        var code = (language ?? "").Split('-', '_')[0];
        return CultureInfo.GetCultureInfo(Languages.FirstOrDefault(l => l.Equals(code, StringComparison.OrdinalIgnoreCase)) ?? Languages[0]);
    }
}
