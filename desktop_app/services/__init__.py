"""What SayYes does, as plain typed functions over the data layer. No Qt here."""
