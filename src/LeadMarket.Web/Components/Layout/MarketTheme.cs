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

            // Text in these colours (score tags, outlined chips and alerts, notes) needs 4.5:1 on white and on their
            // own light tints; MudBlazor's defaults (#2196f3, warning text #ff9800 darkened) reach about 3:1.
            Info = "#1565c0",
            InfoDarken = "#0d47a1",
            WarningDarken = "#8a4b00",
            WarningContrastText = "rgba(0,0,0,0.87)",
        },
    };
}
