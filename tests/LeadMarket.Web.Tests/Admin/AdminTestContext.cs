using Bunit;
using LeadMarket.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadMarket.Web.Tests.Admin;

/// <summary>
/// bUnit context for the interactive admin and integrations pages: the market's real services from the class's
/// <see cref="MarketFixture"/>, an interactive server renderer, and MudBlazor's popover and dialog providers.
/// </summary>
public abstract class AdminTestContext : BunitTest
{
    protected AdminTestContext(MarketFixture market)
    {
        UseMarket(market.App);
        RenderInteractively();
    }

    /// <summary>Where open menus and select lists render (set by <see cref="RenderWithProviders{T}"/> and <see cref="RenderPage{T}"/>).</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    /// <summary>Opens a MudSelect (found by its aria-label) and picks the item with the given text.</summary>
    protected void Choose(IRenderedComponent<IComponent> page, string selectLabel, string itemText)
    {
        page.WaitForElement($"[aria-label='{selectLabel}']").Closest(".mud-select")!.MouseDown();
        Popovers.WaitForAssertion(() => Assert.Contains(Popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == itemText));
        Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == itemText).Click();
    }

    /// <summary>
    /// Renders a page that hosts its own providers (<c>&lt;Overlays /&gt;</c>, as every page that opens a dialog or a
    /// popover does) and finds them in its tree.
    /// </summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<T> Page) RenderPage<T>()
        where T : class, IComponent
    {
        var page = Render<T>();
        Popovers = page.FindComponent<MudPopoverProvider>();
        return (page.FindComponent<MudDialogProvider>(), page);
    }

    /// <summary>Renders a part of a page after the popover and dialog providers, as its page's <c>&lt;Overlays /&gt;</c> would.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<T> Page) RenderWithProviders<T>()
        where T : IComponent
    {
        Popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        return (dialogs, Render<T>());
    }
}
