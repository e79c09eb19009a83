using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>
/// Something to do after a commit, written in the same transaction as what caused it (decision 010): handed by
/// <see cref="OutboxProcessor"/> to the <see cref="IOutboxHandler"/> of its <see cref="Type"/> until one completes
/// it. A node claims a row for <see cref="OutboxOptions.Lease"/> (<see cref="ClaimedBy"/>, <see cref="ClaimedUntil"/>);
/// a claim that lapses (the node stopped) is taken by the next pass of any node. Payloads carry ids and amounts,
/// never personal data.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxTypeLength = 100;
    public const int MaxPayloadLength = 4_000;
    public const int MaxNodeLength = 200;
    public const int MaxErrorLength = 1_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What the message means, e.g. <see cref="PurchaseSettled.Type"/>; picks its handler.</summary>
    public required string Type { get; init; }

    /// <summary>JSON, at most <see cref="MaxPayloadLength"/> characters.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Not handed out before this time (a retry's backoff moves it on).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    /// <summary>The node that claimed the row last.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>The claim's lease: no other node takes the row before this time passes.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>How many times the row was claimed (a claim that lapsed counts).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The last failure: exception type and message, at most <see cref="MaxErrorLength"/> characters.</summary>
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(x => x.Type).HasMaxLength(OutboxMessage.MaxTypeLength);
        b.Property(x => x.Payload).HasMaxLength(OutboxMessage.MaxPayloadLength);
        b.Property(x => x.ClaimedBy).HasMaxLength(OutboxMessage.MaxNodeLength);
        b.Property(x => x.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);

        // The claim's look-up: open rows by due time. Completed rows drop out of the index (same SQL on both providers).
        b.HasIndex(x => x.AvailableAt).HasFilter("\"CompletedAt\" IS NULL");
    }
}
