using LeadMarket.Infrastructure.Auctions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Intake;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.Property(x => x.Country).HasMaxLength(2);
        b.Property(x => x.PostalArea).HasMaxLength(16);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.Need).HasMaxLength(500);
        b.Property(x => x.ScoreFactors).HasMaxLength(500);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.SourceType).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.PhoneKind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.FieldsJson).HasMaxLength(4000);
        b.Property(x => x.EmailHash).HasMaxLength(64);
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.RowKey).HasMaxLength(64);
        b.Property(x => x.ConfirmationTokenHash).HasMaxLength(64);
        b.HasIndex(x => new { x.VerticalId, x.EmailHash, x.CreatedAt });
        b.HasIndex(x => new { x.VerticalId, x.PhoneHash, x.CreatedAt });
        b.HasIndex(x => new { x.PublisherId, x.RowKey }).IsUnique();
        b.HasIndex(x => x.ConfirmationTokenHash).IsUnique();
        b.HasIndex(x => new { x.State, x.ConfirmationExpiresAt });
        b.HasOne<LeadBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Vertical>().WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Restrict);
    }
}
