using System.Net;
using LeadMarket.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadMarket.Testing;

/// <summary>
/// The real app on Kestrel loopback, over its own SQLite folder. Demo accounts and keys are seeded (the demo
/// feed and bidders are off unless asked for), so tests sign in as buyer1 etc. Pass the same
/// <paramref name="dataDirectory"/> to a second instance to "restart" the app on the same data; a folder the app
/// made itself (no <paramref name="dataDirectory"/> given) is deleted when it is disposed.
/// </summary>
public sealed class MarketApplication : WebApplicationFactory<Program>
{
    private readonly bool demoActivity;
    private readonly bool ownsDataDirectory;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    /// <param name="services">Changes to the app's services, made after the app's own (e.g. a test's outbox handler).</param>
    public MarketApplication(string? dataDirectory = null, TimeProvider? time = null, bool demoActivity = false, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        this.services = services;
        ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        Time = time;
        this.demoActivity = demoActivity;
        this.settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
    }

    public string DataDirectory { get; }

    public TimeProvider? Time { get; }

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("leadmarket-test-").FullName;

    /// <summary>Deletes a data folder made with <see cref="NewDataDirectory"/>; one left behind is harmless, so this never fails.</summary>
    public static void DeleteDataDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDataDirectory)
        {
            DeleteDataDirectory(DataDirectory);
        }
    }

    /// <summary>The loopback address the app listens on (starts it on first use).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Market:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Publisher", demoActivity ? "true" : "false");
        builder.UseSetting("Demo:Bidders", demoActivity ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(Time)));
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>An HTTP client that authenticates with a demo API key (e.g. "buyer1" → demo-key-buyer1).</summary>
    public HttpClient ApiClient(string demoUser) => ApiClientWithKey($"demo-key-{demoUser}");

    /// <summary>An HTTP client that authenticates with any API key.</summary>
    public HttpClient ApiClientWithKey(string apiKey)
    {
        var client = new HttpClient { BaseAddress = ServerAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A SignalR connection to the auction hub authenticated with a demo API key (not yet started).</summary>
    public HubConnection HubConnection(string demoUser) => HubConnectionWithKey($"demo-key-{demoUser}");

    /// <summary>A SignalR connection to the auction hub authenticated with any API key (not yet started).</summary>
    public HubConnection HubConnectionWithKey(string apiKey) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(ServerAddress, $"/hubs/auction?access_token={Uri.EscapeDataString(apiKey)}"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();

    /// <summary>A fresh database context on the app's database, for arranging and asserting.</summary>
    public MarketDbContext Db() => MarketServices.Db(Services);

    /// <summary>The user id of a demo account, e.g. "buyer1".</summary>
    public Task<string> UserIdAsync(string demoUser) => MarketServices.UserIdAsync(Services, demoUser);

    public static HttpStatusCode StatusOf(HttpResponseMessage response) => response.StatusCode;
}
