using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// A lead. Card fields are stored in clear; the contact and consent data only as
/// <see cref="ProtectedData"/>, encrypted with ASP.NET Core Data Protection.
/// </summary>
public sealed class Lead
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid BatchId { get; init; }

    public required string PublisherId { get; init; }

    public required Guid VerticalId { get; init; }

    public required string Country { get; init; }

    public required string PostalArea { get; init; }

    public required string Language { get; init; }

    public required string Need { get; init; }

    public int Score { get; init; }

    /// <summary>Score factors as "name:points/max;..." (no personal data).</summary>
    public string ScoreFactors { get; init; } = "";

    public bool DoubleOptIn { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The contact and consent data (<see cref="LeadPrivateData"/>), encrypted; rewritten when the hosted double opt-in's click is recorded.</summary>
    public required string ProtectedData { get; set; }

    public LeadState State { get; set; } = LeadState.Listed;

    public LeadSourceType SourceType { get; init; }

    /// <summary>The kind of phone number (<see cref="Domain.Intake.PhoneKind"/>), a score input shown on the card.</summary>
    public PhoneKind PhoneKind { get; init; }

    /// <summary>The vertical's own fields, as a JSON object of strings (no personal data: the admin defines them as card facts).</summary>
    public string FieldsJson { get; init; } = "{}";

    /// <summary>Keyed hash (HMAC-SHA256, hex) of the normalized email, for the duplicate check; null when there is none.</summary>
    public string? EmailHash { get; init; }

    /// <summary>Keyed hash of the E.164 phone number; null when there is none.</summary>
    public string? PhoneHash { get; init; }

    /// <summary>Keyed hash of the input row as sent, unique per publisher: a repeated or resumed upload of the same row creates no second lead.</summary>
    public string? RowKey { get; init; }

    /// <summary>SHA-256 (hex) of the hosted double opt-in link's token while the lead waits for the click.</summary>
    public string? ConfirmationTokenHash { get; set; }

    /// <summary>When an unconfirmed lead of a hosted double opt-in expires.</summary>
    public DateTimeOffset? ConfirmationExpiresAt { get; set; }
}

/// <summary>Where a lead is on its way to the market.</summary>
public enum LeadState
{
    /// <summary>Passed the pre-ping and has (or will have) its lot.</summary>
    Listed,

    /// <summary>Passed the pre-ping and waits for the hosted double opt-in's click; not listed.</summary>
    AwaitingConfirmation,

    /// <summary>The hosted double opt-in was not confirmed in time; never listed.</summary>
    Expired,
}

/// <summary>A publisher's listing: leads from one upload, with the terms their lots run under.</summary>
public sealed class LeadBatch
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string PublisherId { get; init; }

    public required Guid VerticalId { get; init; }

    public required Guid RoomId { get; init; }

    public required string Name { get; init; }

    public SaleMode SaleMode { get; init; }

    public int Shares { get; init; } = 1;

    public decimal ReservePrice { get; init; }

    public int DurationSeconds { get; init; }

    /// <summary>Accepted leads.</summary>
    public int LeadCount { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the batch's first lot opens.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>A lot every N seconds from <see cref="StartsAt"/>; 0 opens every lot as soon as its lead is accepted.</summary>
    public int PacingSeconds { get; init; }

    /// <summary>When the next accepted lead's lot opens (the pacing's cursor, advanced with a guarded write).</summary>
    public DateTimeOffset NextSlotAt { get; set; }

    /// <summary>The market sends the double opt-in mail itself and lists a lead only after the click.</summary>
    public bool HostedDoubleOptIn { get; init; }

    /// <summary>How the batch's leads are sold: <see cref="BatchDistribution.LiveRoom"/> for now.</summary>
    public string Distribution { get; init; } = BatchDistribution.LiveRoom;

    public BatchStatus Status { get; set; } = BatchStatus.Open;

    /// <summary>Input rows read so far (CSV rows or API items), accepted or not.</summary>
    public int RowsRead { get; set; }

    /// <summary>Rows rejected by the pre-ping.</summary>
    public int Rejected { get; set; }

    /// <summary>Rows skipped because the same row was already imported into this publisher's batches (a repeated or resumed upload).</summary>
    public int AlreadyImported { get; set; }

    /// <summary>Bytes of the upload processed so far and its size, for the progress bar (0 when unknown).</summary>
    public long BytesRead { get; set; }

    public long BytesTotal { get; set; }

    /// <summary>The header line of the batch's CSV upload as sent (column names only), so the rejected rows download in the publisher's own columns.</summary>
    public string? SourceHeader { get; set; }

    /// <summary>Row version: grows by one per write; the guard of every conditional update (two nodes may write a batch).</summary>
    public long Version { get; set; }
}

/// <summary>The distribution models a batch can choose (DESIGN §2).</summary>
public static class BatchDistribution
{
    public const string LiveRoom = "room";
}

public enum BatchStatus
{
    /// <summary>Takes leads (API) or waits for its upload.</summary>
    Open,

    /// <summary>An upload is being processed.</summary>
    Importing,

    /// <summary>The upload was read to its end.</summary>
    Completed,

    /// <summary>The upload stopped with an error that concerns the file as a whole; the report says why.</summary>
    Failed,
}
