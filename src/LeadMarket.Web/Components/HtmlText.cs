using System.Text;

namespace LeadMarket.Web.Components;

/// <summary>
/// HTML that components hand to Blazor as ready markup (shared by every circuit) is built with this one encoder.
/// Unlike WebUtility.HtmlEncode it leaves non-ASCII text (the "·" in a card's kicker) as it is.
/// </summary>
internal static class HtmlText
{
    /// <summary>Appends text encoded for HTML content and double-quoted attribute values.</summary>
    public static StringBuilder Text(this StringBuilder html, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ => html.Append(c),
            };
        }

        return html;
    }

    /// <summary>Text encoded for HTML content and double-quoted attribute values.</summary>
    public static string Encode(string text) => new StringBuilder(text.Length + 16).Text(text).ToString();
}
