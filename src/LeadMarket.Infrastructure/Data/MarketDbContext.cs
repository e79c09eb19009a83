using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Outbox;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Data;

/// <summary>
/// The market's database. Each provider has a thin subclass with its own migrations
/// (<see cref="SqliteMarketDbContext"/>, <see cref="PostgresMarketDbContext"/>); code depends on this type.
/// </summary>
public abstract class MarketDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<BuyerAccount> BuyerAccounts => Set<BuyerAccount>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Vertical> Verticals => Set<Vertical>();

    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<LeadBatch> Batches => Set<LeadBatch>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<Lot> Lots => Set<Lot>();

    public DbSet<Bid> Bids => Set<Bid>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<VerticalField> VerticalFields => Set<VerticalField>();

    public DbSet<BatchRejection> BatchRejections => Set<BatchRejection>();

    public DbSet<PublisherColumnMapping> PublisherColumnMappings => Set<PublisherColumnMapping>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarketDbContext).Assembly);
    }

    /// <summary>
    /// Money is stored as integer minor units and time as Unix milliseconds on every provider: the bid writer's
    /// hand-written SQL compares and adds them in the database, which SQLite cannot do on its text decimals and
    /// dates, and one representation keeps that SQL identical on SQLite and PostgreSQL.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}

public sealed class SqliteMarketDbContext(DbContextOptions<SqliteMarketDbContext> options) : MarketDbContext(options);

public sealed class PostgresMarketDbContext(DbContextOptions<PostgresMarketDbContext> options) : MarketDbContext(options);
