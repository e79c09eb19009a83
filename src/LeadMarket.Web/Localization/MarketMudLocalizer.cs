using LeadMarket.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LeadMarket.Web.Localization;

/// <summary>
/// MudBlazor's own words (pager, table, inputs, close buttons ...) in the reader's language, from UiText's
/// <c>Mud.&lt;MudBlazor's key&gt;</c> entries. MudBlazor keeps its built-in English for English readers and for a key
/// this does not know (it is told so by <see cref="LocalizedString.ResourceNotFound"/>).
/// </summary>
public sealed class MarketMudLocalizer(IStringLocalizer<UiText> text) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] => Translate(text[Prefix + key], key);

    public override LocalizedString this[string key, params object[] arguments] => Translate(text[Prefix + key, arguments], key);

    private static LocalizedString Translate(LocalizedString found, string key) =>
        found.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, found.Value);
}
