using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Intake;

internal sealed class LeadBatchConfiguration : IEntityTypeConfiguration<LeadBatch>
{
    public void Configure(EntityTypeBuilder<LeadBatch> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.SaleMode).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.PublisherId, x.CreatedAt });
        b.Property(x => x.Distribution).HasMaxLength(24);
        b.Property(x => x.SourceHeader).HasMaxLength(8000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.PublisherId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Vertical>().WithMany().HasForeignKey(x => x.VerticalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}
