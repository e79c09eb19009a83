using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Demo;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Outbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LeadMarket.Infrastructure;

public static class InfrastructureExtensions
{
    /// <summary>Data, auctions, leads, accounts and the workers. Identity's user stores are added by the host.</summary>
    public static IHostApplicationBuilder AddMarketInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MarketOptions>().BindConfiguration(MarketOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.Enabled &= !builder.Environment.IsProduction());

        var market = builder.Configuration.GetSection(MarketOptions.Section).Get<MarketOptions>() ?? new MarketOptions();
        var dataDirectory = Path.GetFullPath(market.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        services.AddDataProtection()
            .SetApplicationName("LeadMarket")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        if (market.Provider == DatabaseProvider.Postgres)
        {
            var connection = market.ConnectionString ?? throw new InvalidOperationException("Market:ConnectionString is required when Market:Provider is Postgres.");
            services.AddDbContextFactory<PostgresMarketDbContext>(o => o.UseNpgsql(connection));
            services.AddSingleton<IDbContextFactory<MarketDbContext>>(sp => new ProviderContextFactory<PostgresMarketDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresMarketDbContext>>()));
        }
        else
        {
            var connection = market.ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "leadmarket.db")};Default Timeout=30";
            services.AddDbContextFactory<SqliteMarketDbContext>(o => o.UseSqlite(connection));
            services.AddSingleton<IDbContextFactory<MarketDbContext>>(sp => new ProviderContextFactory<SqliteMarketDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteMarketDbContext>>()));
        }

        // Identity's stores are scoped and want a context of their own per request or circuit scope.
        services.AddScoped<MarketDbContext>(sp => sp.GetRequiredService<IDbContextFactory<MarketDbContext>>().CreateDbContext());
        services.AddHealthChecks().AddDbContextCheck<MarketDbContext>("database", tags: ["ready"]);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuctionNotifier, AuctionNotifier>();
        services.AddSingleton<IAccountNotifier, AccountNotifier>();
        services.AddSingleton<LeadProtector>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxProcessor>();
        services.AddSingleton<OutboxWorker>();
        services.AddSingleton<LeadUnlockNotifier>();
        services.AddOutboxHandler<UnlockPurchaseHandler>();
        services.AddSingleton<AuctionWriter>();
        services.AddSingleton<LotClosingWorker>();
        services.AddSingleton<BidService>();
        services.AddSingleton<RoomQueries>();
        services.AddSingleton<ListingService>();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => IntakeHasher.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value.HashSecret, Path.Combine(dataDirectory, "keys")));
        services.AddSingleton<VerticalRulesStore>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<CsvHeaderMappings>();
        services.AddSingleton<PurchasedLeads>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<PublisherDesk>();
        services.AddSingleton<MarketAdministration>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<MarketSeeder>();

        // Order matters: the database is migrated and seeded before the writer and the workers start.
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<AuctionWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<LotClosingWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddHostedService<DemoMarket>();
        return builder;
    }

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MarketDbContext>
        where TContext : MarketDbContext
    {
        public MarketDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
