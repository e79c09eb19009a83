namespace LeadMarket.Web.Resources;

/// <summary>The publisher's desk and batch page: the batch report, its rejected rows, the figures and charts (DeskText.resx and DeskText.de.resx).</summary>
public sealed class DeskText;
