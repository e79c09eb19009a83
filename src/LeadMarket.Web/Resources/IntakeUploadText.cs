namespace LeadMarket.Web.Resources;

/// <summary>The New batch page's upload flow: batch settings, header mapping, progress (IntakeUploadText.resx and .de.resx).</summary>
public sealed class IntakeUploadText;
