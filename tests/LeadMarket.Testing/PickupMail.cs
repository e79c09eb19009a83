using System.Text.RegularExpressions;
using MimeKit;

namespace LeadMarket.Testing;

/// <summary>The mails a market wrote into its pickup folder (<c>{DataDirectory}/mail-pickup</c>, the Development delivery).</summary>
public static partial class PickupMail
{
    public static string Directory(string dataDirectory) => Path.Combine(dataDirectory, "mail-pickup");

    /// <summary>Every .eml in the folder addressed to <paramref name="to"/>.</summary>
    public static IReadOnlyList<MimeMessage> To(string dataDirectory, string to)
    {
        var folder = Directory(dataDirectory);
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        return [.. System.IO.Directory.GetFiles(folder, "*.eml")
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The token of the double opt-in link in a mail's text.</summary>
    public static string DoiToken(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = DoiLink().Match(message.TextBody ?? "");
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : throw new InvalidOperationException("The mail holds no double opt-in link.");
    }

    [GeneratedRegex(@"/doi/([A-Za-z0-9_\-%]+)")]
    private static partial Regex DoiLink();
}
