"""Plain-Python domain rules for dossiers: lifecycle, dossier codes and the working-time calendar.

Nothing here touches the database; the modules only use Django for translatable messages.
"""
