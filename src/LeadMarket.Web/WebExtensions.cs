using System.Text.Json.Serialization;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Web.Api;
using LeadMarket.Web.Components;
using LeadMarket.Web.Components.Account;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Components.Intake;
using LeadMarket.Web.Hubs;
using LeadMarket.Web.Localization;
using LeadMarket.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace LeadMarket.Web;

public static class WebExtensions
{
    private const string SelectScheme = "Market";

    /// <summary>Pages, identity, the hub, the API and their plumbing.</summary>
    public static IHostApplicationBuilder AddMarketWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddLocalization();
        services.AddTransient<MudLocalizer, MarketMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(MarketCultures.Configure);
        services.AddSingleton<MarketTimeZones>();
        services.AddSingleton<BidRejectionText>();
        services.AddSingleton<FieldErrorText>();
        services.AddScoped(sp => new MarketFormat(() => sp.GetRequiredService<MarketTimeZones>().For(CircuitUser(sp))));

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        // People sign in with the Identity cookie; systems with an API key. The policy scheme picks per request.
        // It has no display name: Identity lists every named scheme as an external login provider.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SelectScheme, displayName: null, o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.KeyOf(context.Request) is null ? IdentityConstants.ApplicationScheme : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";

            // Machines get status codes, not a login page.
            o.Events.OnRedirectToLogin = context => IsMachineRequest(context.Request) ? Status(context.Response, 401) : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context => IsMachineRequest(context.Request) ? Status(context.Response, 403) : Redirect(context);
        });

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                // Five wrong passwords in a row lock an account for 15 minutes; every account can be locked out.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MarketDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<MarketClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        services.AddAuthorization();
        services.AddTestKeyRules();
        services.AddApiRateLimits();

        services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddHubOptions<AuctionHub>(o =>
            {
                // A buyer's system may pipeline its bids: they still reach the writer in the order they arrived
                // (PlaceBid queues before its first await), but one waiting for its commit no longer holds up
                // the connection's next one. Blazor's own circuit hub keeps its defaults.
                o.MaximumParallelInvocationsPerClient = AuctionHub.MaxBidsInFlight;
                o.AddFilter<ApiKeyHubGuard>();
            });
        services.AddSingleton<ApiKeyHubGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyHubGuard>());
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOptions<AuctionHubOptions>().BindConfiguration(AuctionHubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Frames are paced on real time, not on the market's clock (tests move that one by hand).
        services.AddSingleton(sp => new RoomFrames(
            room => sp.GetRequiredService<IHubContext<AuctionHub, IAuctionClient>>().Clients.Group(AuctionGroups.BatchedRoom(room)),
            sp.GetRequiredService<IOptions<AuctionHubOptions>>().Value.FrameInterval,
            TimeProvider.System,
            sp.GetRequiredService<ILogger<RoomFrames>>()));
        services.AddHostedService<AuctionHubBridge>();
        services.AddSingleton<LotCardMarkup>();

        services.AddMarketApiDocumentation();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return builder;
    }

    public static WebApplication MapMarket(this WebApplication app)
    {
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<RealtimeOriginCheck>();
        app.UseWhen(c => !IsMachineRequest(c.Request), branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePages());
        // Routing after the status pages: a re-executed request is routed again, to the not-found page. With the
        // implicit routing at the start of the pipeline an unknown address answered an empty 404.
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: the limits are per API key (Security/ApiRateLimits).
        app.UseRateLimiter();
        // After authentication: the account's stored language comes from the sign-in cookie.
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapLocalization();
        app.MapHub<AuctionHub>(AuctionHub.Path).RequireAuthorization(TestKeys.LiveKeyPolicy);
        app.MapMarketApi();
        app.MapIntakeApi();
        app.MapRejectedRowsDownload();
        app.MapMarketApiDocumentation();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    // The person a circuit's (or a prerendered page's) components render for; nobody outside a render (an API request).
    private static System.Security.Claims.ClaimsPrincipal? CircuitUser(IServiceProvider services)
    {
        try
        {
            var state = services.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync();
            return state is { IsCompletedSuccessfully: true } ? state.Result.User : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/health");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
