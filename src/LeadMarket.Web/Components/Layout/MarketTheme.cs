using MudBlazor;

namespace LeadMarket.Web.Components.Layout;

public static class MarketTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#f2a541",
            AppbarBackground = "#173f5f",
            Success = "#2e7d32",
            Error = "#c62828",
        },
    };
}
