using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using LeadMarket.Infrastructure;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace LeadMarket.Web.Tests.Support;

/// <summary>
/// The base of every component test: MudBlazor's services, JS interop answered loosely (MudBlazor calls into JS
/// we do not test here), and disposal awaited so component teardown (subscriptions, timers) runs in the test.
/// Tests of pages that need the market call <see cref="UseMarket"/> and sign in with <see cref="SignInAsync"/>.
/// </summary>
public abstract class BunitTest : BunitContext, IAsyncLifetime
{
    private MarketApplication? market;
    private BunitAuthorizationContext? authorization;

    protected BunitTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<LotCardMarkup>();

        // Texts from the resources in the test's current culture; times in the market's default zone (Europe/Berlin).
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, MarketMudLocalizer>();
        Services.AddSingleton(new MarketTimeZones(Options.Create(new MarketOptions())));
        Services.AddScoped(sp => new MarketFormat(() => sp.GetRequiredService<MarketTimeZones>().Default));
        Services.AddSingleton<BidRejectionText>();
        Services.AddSingleton<FieldErrorText>();
    }

    /// <summary>The running market the components use (see <see cref="UseMarket"/>).</summary>
    protected MarketApplication App => market ?? throw new InvalidOperationException("Call UseMarket before using the market.");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only; the synchronous Dispose would throw.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>
    /// Hands a running market's own services to the components, so they run against the real market, and adds
    /// bUnit's authorization (nobody is signed in until <see cref="SignInAsync"/>). Call it before the first render.
    /// </summary>
    protected void UseMarket(MarketApplication app)
    {
        market = app;
        var services = app.Services;
        Services.AddSingleton(services.GetRequiredService<IDbContextFactory<MarketDbContext>>());
        Services.AddSingleton(services.GetRequiredService<RoomQueries>());
        Services.AddSingleton(services.GetRequiredService<BidService>());
        Services.AddSingleton(services.GetRequiredService<IAuctionNotifier>());
        Services.AddSingleton(services.GetRequiredService<IAccountNotifier>());
        Services.AddSingleton(services.GetRequiredService<ListingService>());
        Services.AddSingleton(services.GetRequiredService<IntakeService>());
        Services.AddSingleton(services.GetRequiredService<CsvHeaderMappings>());
        Services.AddSingleton(services.GetRequiredService<PublisherDesk>());
        Services.AddSingleton(services.GetRequiredService<PurchasedLeads>());
        Services.AddSingleton(services.GetRequiredService<ApiKeyService>());
        Services.AddSingleton(services.GetRequiredService<MarketAdministration>());
        Services.AddSingleton(services.GetRequiredService<VerticalFieldAdministration>());
        Services.AddSingleton(services.GetRequiredService<TimeProvider>());

        // AccountAdministration is scoped in the app (UserManager): each test's scope borrows one app scope.
        Services.AddScoped(_ => new AppScope(services.CreateAsyncScope()));
        Services.AddScoped(sp => sp.GetRequiredService<AppScope>().Scope.ServiceProvider.GetRequiredService<AccountAdministration>());

        authorization = AddAuthorization();
    }

    /// <summary>Renders one lot card as the room page does: its live lot and the page's shared context (a watcher's by default).</summary>
    protected IRenderedComponent<LotCard> RenderCard(LiveLot live, LotCardContext? context = null) =>
        Render<LotCard>(p => p.Add(c => c.Live, live).Add(c => c.Context, context ?? LotCardContext.Watching));

    /// <summary>Renders as the live circuit does (buttons are enabled only when interactive).</summary>
    protected void RenderInteractively() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    /// <summary>Signs the rendered components in as a test account (e.g. "admin", "buyer1"; see <see cref="TestAccounts"/>) with its real user id.</summary>
    protected async Task<string> SignInAsync(string account, params string[] roles)
    {
        var userId = await App.UserIdAsync(account);
        SignIn(userId, TestAccounts.Named(account).Email, roles);
        return userId;
    }

    /// <summary>Signs the rendered components in as any account of the market (e.g. one made by <see cref="TestBuyers"/>).</summary>
    protected void SignIn(string userId, string userName, params string[] roles)
    {
        var auth = authorization ?? throw new InvalidOperationException("Call UseMarket before signing in.");
        auth.SetAuthorized(userName);
        // Roles first: in bUnit 2.15 SetRoles rebuilds the principal and drops claims set before it.
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    private sealed class AppScope(AsyncServiceScope scope) : IAsyncDisposable
    {
        public AsyncServiceScope Scope { get; } = scope;

        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }
}
