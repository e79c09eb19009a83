using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LeadMarket.Web.Tests.Admin;

/// <summary>One running market (seeded demo accounts) shared by the tests of a class; tests use distinct data.</summary>
public sealed class MarketFixture : IAsyncLifetime
{
    public MarketApplication App { get; } = new();

    public Task InitializeAsync()
    {
        _ = App.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// bUnit context for the interactive admin and integrations pages: MudBlazor services, loose JS interop, an
/// interactive server renderer, and the market's real services resolved from a running <see cref="MarketApplication"/>.
/// </summary>
public abstract class AdminTestContext : BunitContext, IAsyncLifetime
{
    private readonly BunitAuthorizationContext authorization;

    protected AdminTestContext(MarketFixture market)
    {
        App = market.App;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(App.Services.GetRequiredService<ApiKeyService>());
        Services.AddSingleton(App.Services.GetRequiredService<MarketAdministration>());

        // AccountAdministration is scoped in the app (UserManager): each test scope borrows one app scope.
        Services.AddScoped(_ => new AppScope(App.Services.CreateAsyncScope()));
        Services.AddScoped(sp => sp.GetRequiredService<AppScope>().Scope.ServiceProvider.GetRequiredService<AccountAdministration>());

        authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected MarketApplication App { get; }

    /// <summary>Signs the rendered components in as a demo account (e.g. "admin", "buyer1") with its real user id.</summary>
    protected async Task<string> SignInAsync(string demoUser, params string[] roles)
    {
        var userId = await App.UserIdAsync(demoUser);
        authorization.SetAuthorized($"{demoUser}@demo.local");
        // Roles first: in bUnit 2.15 SetRoles rebuilds the principal and drops claims set before it.
        authorization.SetRoles(roles);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return userId;
    }

    /// <summary>Where open menus and select lists render (set by <see cref="RenderWithProviders{T}"/>).</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    /// <summary>Opens a MudSelect (found by its aria-label) and picks the item with the given text.</summary>
    protected void Choose(IRenderedComponent<IComponent> page, string selectLabel, string itemText)
    {
        page.WaitForElement($"[aria-label='{selectLabel}']").Closest(".mud-select")!.MouseDown();
        Popovers.WaitForAssertion(() => Assert.Contains(Popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == itemText));
        Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == itemText).Click();
    }

    /// <summary>Renders a component after the popover and dialog providers, as MainLayout does.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<T> Page) RenderWithProviders<T>()
        where T : IComponent
    {
        Popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        return (dialogs, Render<T>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only; the synchronous Dispose would throw.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private sealed class AppScope(AsyncServiceScope scope) : IAsyncDisposable
    {
        public AsyncServiceScope Scope { get; } = scope;

        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }
}
