using LeadMarket.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadMarket.Web.Tests.Support;

/// <summary>The app's resources as its components read them (in the current UI culture), for tests of the helpers that take a localizer.</summary>
internal static class TestTexts
{
    private static readonly ResourceManagerStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static IStringLocalizer<BidText> Bid { get; } = new StringLocalizer<BidText>(Factory);
}
