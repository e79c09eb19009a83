using System.Net;
using System.Text.Json.Serialization;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Benchmarks;

/// <summary>
/// The baseline server: a bare ASP.NET Core app in this process, Kestrel on 127.0.0.1:0, SignalR with the app's
/// JSON settings, and a hub that does only what the figures compare against: echo, echo after one durable SQLite
/// commit, and a group send.
/// </summary>
internal sealed class BareHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning);
        // Created on the first durable echo: only figure 3 asks for one.
        builder.Services.AddSingleton(_ => SqliteBaseline.Open());
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        app.MapHub<BareHub>(BareHub.Path);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareHost(app, new Uri(address));
    }

    public HubConnection Hub() => HubClients.Connect(new Uri(Address, BareHub.Path));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>The bare hub: no authentication, no use case, no database but the durable echo's one table.</summary>
public sealed class BareHub : Hub
{
    public const string Path = "/hubs/bare";

    public Task JoinRoom(string room) => Groups.AddToGroupAsync(Context.ConnectionId, room);

    /// <summary>Relays an event of the app's shape to a group: all the fan-out figure's baseline does.</summary>
    public Task Broadcast(string room, BidAcceptedMessage message) => Clients.Group(room).SendAsync("BidAccepted", message);

    /// <summary>Answers a request of PlaceBid's shape with a response of PlaceBid's shape.</summary>
    public PlaceBidResponse Echo(PlaceBidRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PlaceBidResponse(true, null, null, request.LotId, request.Amount, request.Amount + 0.5m, true, DateTimeOffset.UtcNow.AddHours(1), 42, false);
    }

    /// <summary>
    /// Commits one row (a bid's shape, WAL, synchronous=FULL) before it answers as <see cref="Echo"/> does: the least a
    /// durable answer costs, a round trip and one commit, with no decision, queue or thread hop in between.
    /// </summary>
    public PlaceBidResponse DurableEcho(PlaceBidRequest request, SqliteBaseline log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.Commit();
        return Echo(request);
    }
}
