using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace LeadMarket.Web.Components;

/// <summary>
/// The encoder for HTML that components hand to Blazor as ready markup (shared by every circuit): the framework's
/// HTML encoder, allowed to leave non-ASCII text (the "·" in a card's kicker, a need's umlauts) as it is. It still
/// encodes every character that means something in HTML content or a quoted attribute value.
/// </summary>
internal static class HtmlText
{
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Appends text encoded for HTML content and double-quoted attribute values.</summary>
    public static StringBuilder Text(this StringBuilder html, string text) => html.Append(Encoder.Encode(text));

    /// <summary>Text encoded for HTML content and double-quoted attribute values.</summary>
    public static string Encode(string text) => Encoder.Encode(text);
}
