using System.ComponentModel.DataAnnotations;

namespace LeadMarket.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the market keeps its data. Section "Market".</summary>
public sealed class MarketOptions
{
    public const string Section = "Market";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and the data protection keys (relative paths resolve against the content root).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Overrides the database connection (SQLite: defaults to {DataDirectory}/leadmarket.db).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Optional admin account created at start when set (outside demo mode the only way to the first admin).</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>The IANA time zone times are shown in for people who chose none.</summary>
    [Required, MaxLength(64)]
    public string TimeZone { get; set; } = "Europe/Berlin";
}

/// <summary>Demo market: accounts, keys and living rooms. Section "Demo". Never active in Production.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>How often the demo publisher lists a fresh lead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ListingInterval { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How often the demo bidders look for a lot to bid on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BiddingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the demo bidders run (the browser tests turn them off to own the room).</summary>
    public bool Bidders { get; set; } = true;

    /// <summary>Whether the demo publisher runs.</summary>
    public bool Publisher { get; set; } = true;
}
