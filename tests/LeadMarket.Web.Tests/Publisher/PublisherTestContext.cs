using System.Security.Claims;
using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Leads;
using LeadMarket.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LeadMarket.Web.Tests.Publisher;

/// <summary>
/// bUnit over the real market: the page's services come from a running <see cref="MarketApplication"/> (its own
/// SQLite folder, demo accounts seeded), and the signed-in user is a demo publisher.
/// </summary>
public abstract class PublisherTestContext : BunitContext, IAsyncLifetime
{
    protected PublisherTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    protected MarketApplication App { get; } = new();

    protected string PublisherId { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        var services = App.Services;
        Services.AddSingleton(services.GetRequiredService<IDbContextFactory<MarketDbContext>>());
        Services.AddSingleton(services.GetRequiredService<RoomQueries>());
        Services.AddSingleton(services.GetRequiredService<ListingService>());
        Services.AddSingleton(services.GetRequiredService<PublisherDesk>());
        Services.AddSingleton(services.GetRequiredService<IAuctionNotifier>());
        Services.AddSingleton(services.GetRequiredService<BidService>());
        Services.AddSingleton(services.GetRequiredService<TimeProvider>());

        PublisherId = await App.UserIdAsync("publisher1");
        var auth = AddAuthorization();
        auth.SetAuthorized("publisher1@demo.local");
        auth.SetRoles(Roles.Publisher);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, PublisherId));

        // Last: it builds the renderer, and with it the service provider. Pages render as in a live circuit.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>Lists a batch for a demo publisher ("publisher1", "publisher2") and answers its id.</summary>
    protected async Task<Guid> ListBatchAsync(string publisher, string name, int leadCount = 1)
    {
        var lots = await TestListings.ListLotsAsync(App.Services, leadCount, durationSeconds: 3600, room: "finance", publisher: publisher, batchName: name);
        return lots[0].BatchId;
    }
}
