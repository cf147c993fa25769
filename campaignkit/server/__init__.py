"""The server: ``campaignkit serve`` (Jupyter Server with Voilà and campaignkit's extension:
health, phone pages, forms, the hall's page and the features' routes), ``campaignkit lab`` (the
trainers' JupyterLab with the talk previews), the served kernels' short Chinese errors and the
kernel client Voilà runs notebooks with. Nothing is imported here: a served kernel loads
:mod:`campaignkit.server.kernel` alone."""
