using LeadMarket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Accounts;

internal sealed class BuyerAccountConfiguration : IEntityTypeConfiguration<BuyerAccount>
{
    public void Configure(EntityTypeBuilder<BuyerAccount> b)
    {
        b.HasKey(x => x.UserId);
        b.Ignore(x => x.Credit);
        b.Ignore(x => x.Available);
        b.HasOne<ApplicationUser>().WithOne().HasForeignKey<BuyerAccount>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
