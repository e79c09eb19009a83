using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Benchmarks;

/// <summary>Real SignalR .NET clients, as a buyer's system would use them: WebSockets, JSON protocol.</summary>
internal static class HubClients
{
    public static HubConnection Connect(Uri url) =>
        new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    /// <summary>Starts many connections, a few at a time, so the server's accept path is not the thing measured.</summary>
    public static async Task<HubConnection[]> StartManyAsync(int count, Func<int, HubConnection> create, Func<HubConnection, int, Task>? afterStart = null, int parallel = 32)
    {
        var connections = new HubConnection[count];
        using var gate = new SemaphoreSlim(parallel);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = create(i);
                await connection.StartAsync();
                if (afterStart is not null)
                {
                    await afterStart(connection, i);
                }

                connections[i] = connection;
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return connections;
    }

    public static async Task StopAllAsync(IEnumerable<HubConnection> connections)
    {
        await Task.WhenAll(connections.Where(c => c is not null).Select(async c => await c.DisposeAsync()));
    }
}
