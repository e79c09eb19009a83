using System.Net;
using LeadMarket.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadMarket.Testing;

/// <summary>
/// The real app on Kestrel loopback, over its own SQLite folder, with the <see cref="TestAccounts"/> seeded, so tests
/// sign in and send keys as "buyer1" etc. Demo mode is off unless asked for (<paramref name="demo"/>, or
/// <paramref name="demoActivity"/> for its feed and bidders too). Pass the same
/// <paramref name="dataDirectory"/> to a second instance to "restart" the app on the same data; a folder the app
/// made itself (no <paramref name="dataDirectory"/> given) is deleted when it is disposed.
/// </summary>
public sealed class MarketApplication : WebApplicationFactory<Program>
{
    private readonly bool demo;
    private readonly bool demoActivity;
    private readonly bool ownsDataDirectory;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    /// <param name="services">Changes to the app's services, made after the app's own (e.g. a test's outbox handler).</param>
    public MarketApplication(
        string? dataDirectory = null, TimeProvider? time = null, bool demoActivity = false, IReadOnlyDictionary<string, string?>? settings = null, bool demo = false,
        Action<IServiceCollection>? services = null)
    {
        this.demo = demo || demoActivity;
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
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        builder.UseSetting("Demo:Publisher", demoActivity ? "true" : "false");
        builder.UseSetting("Demo:Bidders", demoActivity ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (Time is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(Time));
            }

            services.AddHostedService<TestAccountSeeder>();
        });

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>An HTTP client that authenticates with a test account's API key (e.g. "buyer1").</summary>
    public HttpClient ApiClient(string account) => ApiClientWithKey(TestAccounts.Named(account).ApiKey);

    /// <summary>An HTTP client that authenticates with any API key.</summary>
    public HttpClient ApiClientWithKey(string apiKey)
    {
        var client = new HttpClient { BaseAddress = ServerAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A SignalR connection to the auction hub authenticated with a test account's API key (not yet started).</summary>
    public HubConnection HubConnection(string account) => HubConnectionWithKey(TestAccounts.Named(account).ApiKey);

    /// <summary>A SignalR connection to the auction hub authenticated with any API key (not yet started).</summary>
    public HubConnection HubConnectionWithKey(string apiKey) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(ServerAddress, $"/hubs/auction?access_token={Uri.EscapeDataString(apiKey)}"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();

    /// <summary>A fresh database context on the app's database, for arranging and asserting.</summary>
    public MarketDbContext Db() => MarketServices.Db(Services);

    /// <summary>The user id of a test account, e.g. "buyer1".</summary>
    public Task<string> UserIdAsync(string account) => MarketServices.UserIdAsync(Services, account);

    public static HttpStatusCode StatusOf(HttpResponseMessage response) => response.StatusCode;
}
